import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { RecordedEvent } from '@ledger/event-store';
import { CurrentPrincipal, IdParamPipe, Roles, type Principal } from '@ledger/runtime';
import { StreamEventsQueryDto } from './audit-replay.dto';
import { AuditReplay, type RevisionPage } from './audit-replay.service';
import { DEFAULT_AUDIT_PAGE, HISTORY_READERS } from './history-readers';
import { StreamProgram } from './stream-program.service';

/**
 * A stream's events exactly as stored (issue 10 §1), for an auditor who checks hashes or reads
 * envelopes; the caller's programs claim is checked on the stream's program first.
 */
@ApiTags('audit')
@ApiBearerAuth()
@Controller('api/audit')
export class StreamEventsController {
  constructor(
    private readonly replay: AuditReplay,
    private readonly streams: StreamProgram,
  ) {}

  @Get('streams/:streamId/events')
  @Roles(...HISTORY_READERS)
  @ApiOperation({
    summary: "A stream's stored events with full envelopes (hashes as stored), paged by revision",
  })
  @ApiOkResponse({
    description: '{ streamId, items: RecordedEvent[], next: revision to ask for next | null }',
    schema: {
      example: {
        streamId: 'project-p-1',
        items: [
          {
            id: '0b6c…',
            type: 'ProjectCreated',
            schemaVersion: 1,
            data: { projectId: 'p-1', programId: 'prog-1', name: 'Core network roll-out' },
            metadata: {
              effectiveAt: '2026-03-01T09:00:00.000Z',
              actor: { sub: 'pm-1', roles: ['project-manager'] },
              correlationId: 'c-1',
              causationId: 'c-1',
              commandId: 'cmd-1',
            },
            streamId: 'project-p-1',
            revision: 0,
            position: 12,
            recordedAt: '2026-03-01T09:00:00.123Z',
            prevHash: '0000…',
            hash: '9f2a…',
          },
        ],
        next: null,
      },
    },
  })
  async streamEvents(
    @Param('streamId', IdParamPipe) streamId: string,
    @Query() query: StreamEventsQueryDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<{ streamId: string } & RevisionPage<RecordedEvent>> {
    await this.streams.assertReadable(principal, streamId);
    const page = await this.replay.storedEvents(streamId, {
      fromRevision: query.fromRevision ?? 0,
      limit: query.limit ?? DEFAULT_AUDIT_PAGE,
      ...(query.type === undefined ? {} : { type: query.type }),
      ...(query.recordedFrom === undefined ? {} : { recordedFrom: query.recordedFrom }),
      ...(query.recordedTo === undefined ? {} : { recordedTo: query.recordedTo }),
    });
    return { streamId, ...page };
  }
}
