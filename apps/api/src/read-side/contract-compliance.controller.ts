import { Controller, Get, Inject, Param, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { contractErrors, ROLES } from '@ledger/domain';
import {
  CONTRACT_COMPLIANCE,
  contractComplianceAnswerOf,
  contractComplianceFilter,
  contractComplianceProjection,
  isContractComplianceDocument,
  type ContractComplianceAnswer,
  type ContractComplianceEntry,
  type ContractComplianceQuery,
} from '@ledger/projections';
import { READ_STORE, type ReadStore } from '@ledger/read-store';
import {
  CurrentPrincipal,
  IdParamPipe,
  type Principal,
  ProgramScope,
  ReadPositions,
  Roles,
} from '@ledger/runtime';
import { ContractComplianceQueryDto } from './contract-compliance.dto';
import { todayUtc } from './project-reads.service';

/**
 * The contractual compliance report of a contract from the `contract_compliance` read model:
 * obligations by status with planned / forecast / actual dates and evidence, and the LD figures
 * (contract-compliance.report.ts computes them for `asOf`). Scoped by the contract's program.
 */
@ApiTags('contracts')
@ApiBearerAuth()
@Controller('api/contracts')
export class ContractComplianceController {
  constructor(
    @Inject(READ_STORE) private readonly store: ReadStore,
    private readonly positions: ReadPositions,
    private readonly scope: ProgramScope,
  ) {}

  @Get(':contractId/compliance')
  @Roles(...ROLES)
  @ApiOkResponse({
    description:
      '{ contractId, programId, customerId, title, value, originalValue, signedOn, keyProject, ' +
      'amendments, asOf, counts, obligations, liquidatedDamages, position }',
  })
  @ApiOperation({
    summary: 'Contractual compliance: obligations by status, LD accrued, forecast and cap headroom',
  })
  async get(
    @Param('contractId', IdParamPipe) contractId: string,
    @Query() query: ContractComplianceQueryDto,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ContractComplianceAnswer> {
    const position = await this.positions.serve(contractComplianceProjection.name, query, reply);
    const compliance: ContractComplianceQuery = { contractId, asOf: query.asOf ?? todayUtc() };
    const documents = await this.store.find<ContractComplianceEntry>(
      CONTRACT_COMPLIANCE,
      contractComplianceFilter(compliance),
    );
    const contract = documents.find(isContractComplianceDocument);
    if (!contract) {
      throw contractErrors.notFoundById(contractId);
    }
    this.scope.assertProgram(principal, contract.programId);
    return contractComplianceAnswerOf(contract, documents, compliance, position);
  }
}
