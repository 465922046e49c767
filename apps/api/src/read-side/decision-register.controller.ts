import { Controller, Get, Inject, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import {
  DECISION_REGISTER,
  decisionRegisterAnswerOf,
  decisionRegisterFilter,
  decisionRegisterProjection,
  type DecisionRegisterAnswer,
  type DecisionRegisterFile,
  type DecisionRegisterQuery,
} from '@ledger/projections';
import { READ_STORE, type ReadStore } from '@ledger/read-store';
import {
  CurrentPrincipal,
  type Principal,
  ProgramScope,
  ReadPositions,
  Roles,
} from '@ledger/runtime';
import { DECISION_REGISTER_EXAMPLE } from '../audit/audit-openapi-examples';
import { DecisionRegisterQueryDto } from './decision-register.dto';

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
    example: DECISION_REGISTER_EXAMPLE,
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
    const register: DecisionRegisterQuery = {
      programs: principal.programs,
      programId: query.programId,
      projectId: query.projectId,
      actor: query.actor,
      kind: query.kind,
      from: query.from,
      to: query.to,
      segregationExceptions: query.segregationExceptions === 'true',
      limit: query.limit ?? 50,
      offset: query.offset ?? 0,
    };
    const files = await this.store.find<DecisionRegisterFile>(
      DECISION_REGISTER,
      decisionRegisterFilter(register),
    );
    return decisionRegisterAnswerOf(files, register, position);
  }
}
