import { Injectable } from '@nestjs/common';
import { type CommandContext, type CommandFactory } from '@ledger/command-path';
import { projectStreamId, type ProjectCommand, projectAggregate } from '@ledger/domain';
import { CommandDispatcher, type DispatchOptions } from '../commands/command-dispatcher.service';
import type { CommandAcceptedDto } from '../http/command-accepted.dto';

/** Every project command (change requests and execution included) lands on `project-<id>`. */
@Injectable()
export class ProjectCommands {
  constructor(private readonly commands: CommandDispatcher) {}

  send(
    projectId: string,
    build: CommandFactory<ProjectCommand>,
    context: CommandContext,
    options: DispatchOptions = {},
  ): Promise<CommandAcceptedDto> {
    return this.commands.dispatch<ProjectCommand>(
      projectAggregate,
      projectStreamId(projectId),
      build,
      context,
      options,
    );
  }
}
