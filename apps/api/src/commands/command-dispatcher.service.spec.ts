import { Logger } from '@nestjs/common';
import type { CommandBus } from '@nestjs/cqrs';
import type { CommandExecutor, CommandOutcome } from '@ledger/command-path';
import { DomainError, projectAggregate } from '@ledger/domain';
import type { RecordedEvent } from '@ledger/event-store';
import { CommandDispatcher } from './command-dispatcher.service';

/** A ProjectCreated, whose reaction attaches the project to its program. */
const projectCreated: RecordedEvent = {
  id: '00000000-0000-4000-8000-000000000001',
  type: 'ProjectCreated',
  schemaVersion: 1,
  data: {
    projectId: 'prj1',
    programId: 'pg1',
    contractId: 'ct1',
    name: 'Metro fibre',
    createdBy: 'alice',
  },
  metadata: {
    effectiveAt: '2026-03-01T12:00:00.000Z',
    actor: { sub: 'alice', roles: ['project-manager'] },
    correlationId: 'corr-7',
    causationId: 'cmd-1',
    commandId: 'cmd-1',
  },
  streamId: 'project-prj1',
  revision: 0,
  position: 7,
  recordedAt: '2026-03-02T09:00:00.000Z',
  prevHash: '0'.repeat(64),
  hash: '1'.repeat(64),
};

describe('CommandDispatcher', () => {
  afterEach(() => jest.restoreAllMocks());

  it("names the request's correlation id on the line about a refused follow-up", async () => {
    const outcome: CommandOutcome = {
      streamId: 'project-prj1',
      revision: 0,
      position: 7,
      events: [projectCreated],
      replayed: false,
    };
    const commandBus = { execute: () => Promise.resolve(outcome) } as unknown as CommandBus;
    const executor = {
      execute: () => Promise.reject(new DomainError('program-closed', 'the program is closed')),
    } as unknown as CommandExecutor;
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);

    await new CommandDispatcher(commandBus, executor).for(projectAggregate)(
      'prj1',
      () => ({}) as never,
      {
        actor: { sub: 'alice', roles: ['project-manager'] },
        correlationId: 'corr-7',
        commandId: 'c1',
      },
    );

    expect(warn).toHaveBeenCalledWith({
      correlationId: 'corr-7',
      msg: 'program-attaches-created-project on program-pg1 was refused: program-closed (the program is closed)',
    });
  });
});
