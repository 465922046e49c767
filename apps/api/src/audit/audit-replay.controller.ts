import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { auditErrors, type TimelineEntry } from '@ledger/audit';
import {
  contractAggregate,
  handoverAggregate,
  handoverErrors,
  projectAggregate,
  riskAggregate,
  riskErrors,
  type AggregateDefinition,
  type AnyDomainEvent,
  type DomainError as DomainErrorType,
} from '@ledger/domain';
import {
  CurrentPrincipal,
  IdParamPipe,
  ProgramScope,
  Roles,
  type Principal,
} from '@ledger/runtime';
import {
  AggregateStateQueryDto,
  RevisionPageQueryDto,
  StateDiffQueryDto,
} from './audit-replay.dto';
import {
  AuditReplay,
  type Moment,
  type ReplayedState,
  type RevisionPage,
} from './audit-replay.service';

import { DEFAULT_AUDIT_PAGE, HISTORY_READERS } from './history-readers';

/** The aggregate kinds the state route replays, by the path segment that names them. */
export type AuditedKind = 'projects' | 'contracts' | 'risks' | 'handovers';

export interface AggregateStateAnswer extends ReplayedState {
  readonly kind: AuditedKind;
  readonly id: string;
}

const STATE_EXAMPLE = {
  kind: 'projects',
  id: 'p-1',
  asOf: '2026-03-15T12:00:00Z',
  effectiveOn: '2026-03-10',
  state: { status: 'active', name: 'Core network roll-out' },
  lastEvent: {
    position: 41,
    revision: 6,
    type: 'ChangeRequestDecided',
    recordedAt: '2026-03-09T10:00:00.000Z',
    effectiveAt: '2026-03-09T10:00:00.000Z',
  },
  eventsApplied: 7,
  eventsSkippedAsNotYetEffective: 1,
};

/**
 * Replay and time travel (issue 10 §1): an aggregate replayed from the log at a recorded time and a business date, a project's timeline of patches, and the
 * difference between two moments. Every route checks the caller's programs claim first.
 * Risks and handovers are addressed under their project, like every other route of theirs, so
 * the claim is checked on the project and the child must belong to it.
 */
@ApiTags('audit')
@ApiBearerAuth()
@Controller('api/audit')
export class AuditReplayController {
  constructor(
    private readonly replay: AuditReplay,
    private readonly scope: ProgramScope,
  ) {}

  @Get('projects/:projectId/state')
  @Roles(...HISTORY_READERS)
  @ApiOperation({
    summary: 'A project replayed from the log as known at asOf, facts effective by effectiveOn',
  })
  @ApiOkResponse({ description: 'The replayed state', schema: { example: STATE_EXAMPLE } })
  async projectState(
    @Param('projectId', IdParamPipe) projectId: string,
    @Query() query: AggregateStateQueryDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<AggregateStateAnswer> {
    await this.scope.assertProject(principal, projectId);
    return this.stateOf('projects', projectId, projectAggregate, query);
  }

  @Get('contracts/:contractId/state')
  @Roles(...HISTORY_READERS)
  @ApiOperation({ summary: 'A contract replayed from the log (bitemporal: asOf, effectiveOn)' })
  @ApiOkResponse({
    description: 'The replayed state',
    schema: { example: { ...STATE_EXAMPLE, kind: 'contracts', id: 'c-1' } },
  })
  async contractState(
    @Param('contractId', IdParamPipe) contractId: string,
    @Query() query: AggregateStateQueryDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<AggregateStateAnswer> {
    await this.scope.assertContract(principal, contractId);
    return this.stateOf('contracts', contractId, contractAggregate, query);
  }

  @Get('projects/:projectId/risks/:riskId/state')
  @Roles(...HISTORY_READERS)
  @ApiOperation({ summary: 'A risk replayed from the log (bitemporal: asOf, effectiveOn)' })
  @ApiOkResponse({
    description: 'The replayed state',
    schema: { example: { ...STATE_EXAMPLE, kind: 'risks', id: 'r-1' } },
  })
  async riskState(
    @Param('projectId', IdParamPipe) projectId: string,
    @Param('riskId', IdParamPipe) riskId: string,
    @Query() query: AggregateStateQueryDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<AggregateStateAnswer> {
    await this.assertChild(principal, projectId, riskAggregate.streamId(riskId), riskErrors);
    return this.stateOf('risks', riskId, riskAggregate, query);
  }

  @Get('projects/:projectId/handovers/:handoverId/state')
  @Roles(...HISTORY_READERS)
  @ApiOperation({ summary: 'A handover replayed from the log (bitemporal: asOf, effectiveOn)' })
  @ApiOkResponse({
    description: 'The replayed state',
    schema: { example: { ...STATE_EXAMPLE, kind: 'handovers', id: 'h-1' } },
  })
  async handoverState(
    @Param('projectId', IdParamPipe) projectId: string,
    @Param('handoverId', IdParamPipe) handoverId: string,
    @Query() query: AggregateStateQueryDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<AggregateStateAnswer> {
    await this.assertChild(
      principal,
      projectId,
      handoverAggregate.streamId(handoverId),
      handoverErrors,
    );
    return this.stateOf('handovers', handoverId, handoverAggregate, query);
  }

  @Get('projects/:projectId/timeline')
  @Roles(...HISTORY_READERS)
  @ApiOperation({
    summary:
      "Every event of the project's stream with its RFC 6902 patch of the state, actor, authority and both times; paged by revision",
  })
  @ApiOkResponse({
    description: '{ projectId, items: TimelineEntry[], next }',
    schema: {
      example: {
        projectId: 'p-1',
        items: [
          {
            position: 41,
            revision: 6,
            type: 'ChangeRequestDecided',
            recordedAt: '2026-03-09T10:00:00.000Z',
            effectiveAt: '2026-03-09T10:00:00.000Z',
            actor: { sub: 'pmo-1', roles: ['pmo'] },
            authority: { authority: 'pmo', changeRequestId: 'cr-1', decidedBy: 'pmo-1' },
            patch: [{ op: 'replace', path: '/changeRequests/cr-1/status', value: 'approved' }],
          },
        ],
        next: 7,
      },
    },
  })
  async timeline(
    @Param('projectId', IdParamPipe) projectId: string,
    @Query() query: RevisionPageQueryDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<{ projectId: string } & RevisionPage<TimelineEntry>> {
    await this.scope.assertProject(principal, projectId);
    const page = await this.replay.timeline(
      projectAggregate,
      projectAggregate.streamId(projectId),
      {
        fromRevision: query.fromRevision ?? 0,
        limit: query.limit ?? DEFAULT_AUDIT_PAGE,
      },
    );
    return { projectId, ...page };
  }

  @Get('projects/:projectId/diff')
  @Roles(...HISTORY_READERS)
  @ApiOperation({
    summary:
      'The RFC 6902 patch from the project as known at one moment to another (recorded times from/to, or revisions)',
  })
  @ApiOkResponse({
    description: '{ projectId, from, to, patch }: from/to name the last event of each state',
    schema: {
      example: {
        projectId: 'p-1',
        from: {
          position: 12,
          revision: 0,
          type: 'ProjectCreated',
          recordedAt: '2026-03-01T09:00:00.123Z',
          effectiveAt: '2026-03-01T09:00:00.000Z',
        },
        to: STATE_EXAMPLE.lastEvent,
        patch: [
          { op: 'add', path: '/team/0', value: { personId: 'pm-1', role: 'project-manager' } },
        ],
      },
    },
  })
  async diff(
    @Param('projectId', IdParamPipe) projectId: string,
    @Query() query: StateDiffQueryDto,
    @CurrentPrincipal() principal: Principal,
  ) {
    await this.scope.assertProject(principal, projectId);
    const from = momentOf(query.from, query.fromRevision, 'from', { kind: 'start' });
    const to = momentOf(query.to, query.toRevision, 'to', { kind: 'now' });
    const patch = await this.replay.diff(
      projectAggregate,
      projectAggregate.streamId(projectId),
      from,
      to,
    );
    return { projectId, ...patch };
  }

  private async stateOf<TState>(
    kind: AuditedKind,
    id: string,
    definition: AggregateDefinition<unknown, TState, AnyDomainEvent>,
    query: AggregateStateQueryDto,
  ): Promise<AggregateStateAnswer> {
    const replayed = await this.replay.state(definition, definition.streamId(id), {
      ...(query.asOf === undefined ? {} : { asOf: query.asOf }),
      ...(query.effectiveOn === undefined ? {} : { effectiveOn: query.effectiveOn }),
    });
    return { kind, id, ...replayed };
  }

  /** The project is in the claim, and the child exists and belongs to it (404 otherwise). */
  private async assertChild(
    principal: Principal,
    projectId: string,
    streamId: string,
    errors: { notFound(): DomainErrorType; notInProject(projectId: string): DomainErrorType },
  ): Promise<void> {
    await this.scope.assertProject(principal, projectId);
    if (!(await this.replay.exists(streamId))) throw errors.notFound();
    await this.scope.assertBelongsToProject(streamId, projectId, errors.notInProject);
  }
}

/** One end of a diff: a recorded time or a revision, never both. */
function momentOf(
  at: string | undefined,
  revision: number | undefined,
  name: 'from' | 'to',
  otherwise: Moment,
): Moment {
  if (at !== undefined && revision !== undefined) throw auditErrors.diffMomentAmbiguous(name);
  if (at !== undefined) return { kind: 'recorded', at };
  if (revision !== undefined) return { kind: 'revision', revision };
  return otherwise;
}
