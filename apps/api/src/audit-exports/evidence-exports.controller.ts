import { Readable } from 'node:stream';
import type { KeyObject } from 'node:crypto';
import { BadRequestException, Controller, Get, Inject, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import {
  auditErrors,
  EvidenceExportError,
  exportEvidenceBundle,
  type BundleScope,
} from '@ledger/audit';
import {
  CHECKPOINT_STORE,
  EVENT_STORE,
  type CheckpointStore,
  type EventStore,
} from '@ledger/event-store';
import { CurrentPrincipal, type Principal, ProgramScope, Roles } from '@ledger/runtime';
import { AUDIT_PUBLIC_KEY } from '../audit/audit-public-key';
import { TOOL } from './evidence-export.tokens';
import { EvidenceExportQueryDto } from './evidence-export.dto';
import { EVIDENCE_BUNDLE_EXAMPLE } from '../audit/audit-openapi-examples';

/**
 * Evidence bundles (issue 10 §3, docs/EVIDENCE-BUNDLE.md): the stored events of a program,
 * project or contract with the inclusion proofs that tie them to the latest signed checkpoint,
 * as NDJSON streamed while it is read from the log, for an outside auditor to verify offline
 * (`ledger verify --file`).
 */
@ApiTags('audit')
@ApiBearerAuth()
@Controller('api/audit')
export class EvidenceExportsController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CHECKPOINT_STORE) private readonly checkpoints: CheckpointStore | null,
    @Inject(AUDIT_PUBLIC_KEY) private readonly publicKey: KeyObject,
    private readonly scope: ProgramScope,
  ) {}

  @Get('exports')
  @Roles('auditor', 'admin')
  @ApiProduces('application/x-ndjson')
  @ApiOkResponse({
    description:
      'NDJSON (format version 2): a manifest line (scope, coverage, the signed checkpoint, the public key, tool and format versions), one line per stored event, one inclusion proof per event, a trailer with the counts and per-stream heads. Events after the latest checkpoint are left out (the manifest says so).',
    schema: { type: 'string', example: EVIDENCE_BUNDLE_EXAMPLE },
  })
  @ApiOperation({ summary: 'Export an evidence bundle of a program, project or contract' })
  async export(
    @Query() query: EvidenceExportQueryDto,
    @CurrentPrincipal() principal: Principal,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const scope = await this.authorizedScope(query, principal);
    if (!this.checkpoints) throw auditErrors.checkpointsNotKept();
    const lines = exportEvidenceBundle({
      store: this.store,
      checkpoints: this.checkpoints,
      publicKey: this.publicKey,
      scope,
      tool: TOOL,
    });
    // The first line decides the status: no checkpoint is a 404 problem, not a broken stream.
    let first: IteratorResult<Buffer>;
    try {
      first = await lines.next();
    } catch (error) {
      if (error instanceof EvidenceExportError && error.reason === 'no-checkpoint')
        throw auditErrors.noCheckpoint(error.message);
      throw error;
    }
    async function* all(): AsyncGenerator<Buffer> {
      if (!first.done) yield first.value;
      yield* lines;
    }
    const name = Object.values(scope)[0] as string;
    await reply
      .header('content-type', 'application/x-ndjson; charset=utf-8')
      .header('content-disposition', `attachment; filename="evidence-${name}.ndjson"`)
      .header('cache-control', 'no-store')
      .send(Readable.from(all()));
  }

  /** Exactly one id, in the caller's programs claim (unknown project/contract: 404). */
  private async authorizedScope(
    query: EvidenceExportQueryDto,
    principal: Principal,
  ): Promise<BundleScope> {
    const given = [query.programId, query.projectId, query.contractId].filter(
      (id) => id !== undefined,
    );
    if (given.length !== 1)
      throw new BadRequestException('name exactly one of programId, projectId, contractId');
    if (query.programId !== undefined) {
      this.scope.assertProgram(principal, query.programId);
      return { programId: query.programId };
    }
    if (query.projectId !== undefined) {
      await this.scope.assertProject(principal, query.projectId);
      return { projectId: query.projectId };
    }
    await this.scope.assertContract(principal, query.contractId as string);
    return { contractId: query.contractId as string };
  }
}
