import { Controller, Get, Inject, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import {
  DECISION_REGISTER,
  decisionRegisterFilter,
  decisionRegisterPageOf,
  decisionRegisterProjection,
  type DecisionRegisterFile,
  type DecisionRegisterPage,
} from '@ledger/projections';
import { READ_STORE, type ReadStore } from '@ledger/read-store';
import {
  CurrentPrincipal,
  type Principal,
  ProgramScope,
  ReadPositions,
  Roles,
} from '@ledger/runtime';
import { DecisionRegisterQueryDto } from './decision-register.dto';

export interface DecisionRegisterAnswer extends DecisionRegisterPage {
  /** The log position the answer reflects (also in X-Read-Position). */
  readonly position: number;
}

/**
 * The decision register (issue 10 §1): every decision with who, role, when, authority and
 * reason, and the segregation-of-duties record. Auditors, the PMO and admins; lists are
 * filtered to the token's programs, and a programId outside them is 403.
 */
@ApiTags('audit')
@ApiBearerAuth()
@Controller('api/audit/decisions')
export class DecisionRegisterController {
  constructor(
    @Inject(READ_STORE) private readonly store: ReadStore,
    private readonly positions: ReadPositions,
    private readonly scope: ProgramScope,
  ) {}

  @Get()
  @Roles('auditor', 'pmo', 'admin')
  @ApiOkResponse({
    description:
      '{ items: [{ decisionId, kind, outcome, stage, subject, programId, projectId, contractId, ' +
      'decidedBy, roles, authority, changeRequestId, customerSignatureRef, certificateId, reason, ' +
      'recordedAt, effectiveAt, position, eventType, segregation { requestedBy, decidedBy, ' +
      'distinct } }], total, segregationExceptions, position }, in log order',
  })
  @ApiOperation({
    summary:
      'Decision register: every decision, who took it on whose request, under what authority',
  })
  async list(
    @Query() query: DecisionRegisterQueryDto,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<DecisionRegisterAnswer> {
    if (query.programId !== undefined) this.scope.assertProgram(principal, query.programId);
    const position = await this.positions.serve(decisionRegisterProjection.name, query, reply);
    const register = {
      programs: principal.programs,
      ...(query.programId !== undefined ? { programId: query.programId } : {}),
      ...(query.projectId !== undefined ? { projectId: query.projectId } : {}),
      ...(query.actor !== undefined ? { actor: query.actor } : {}),
      ...(query.kind !== undefined ? { kind: query.kind } : {}),
      ...(query.from !== undefined ? { from: query.from } : {}),
      ...(query.to !== undefined ? { to: query.to } : {}),
      segregationExceptions: query.segregationExceptions === 'true',
      limit: query.limit ?? 50,
      offset: query.offset ?? 0,
    };
    const files = await this.store.find<DecisionRegisterFile>(
      DECISION_REGISTER,
      decisionRegisterFilter(register),
    );
    return {
      ...decisionRegisterPageOf(files, register),
      position: Math.max(position, ...files.map((file) => file.position)),
    };
  }
}
