import { contractErrors, ROLES } from '@ledger/domain';
import { defineReadRoute } from '../../read-route';
import {
  CONTRACT_COMPLIANCE,
  contractComplianceProjection,
  isContractComplianceDocument,
  type ContractComplianceEntry,
} from './contract-compliance.projection';
import {
  contractComplianceAnswerOf,
  contractComplianceFilter,
  type ContractComplianceQuery,
} from './contract-compliance.query';

/**
 * GET a contract's compliance report: obligations by status with planned / forecast / actual
 * dates and evidence, and the LD figures for `asOf`. Scoped by the contract's program.
 */
export const contractComplianceRoute = defineReadRoute({
  operationId: 'ContractComplianceController_get',
  tag: 'contracts',
  path: 'api/contracts/:contractId/compliance',
  roles: ROLES,
  summary: 'Contractual compliance: obligations by status, LD accrued, forecast and cap headroom',
  description:
    '{ contractId, programId, customerId, title, value, originalValue, signedOn, keyProject, ' +
    'amendments, asOf, counts, obligations, liquidatedDamages, position }',
  answerType: 'ContractComplianceAnswer',
  query: {
    asOf: {
      kind: 'calendar-date',
      example: '2026-06-01',
      description:
        'The day statuses, forecasts and LD figures are computed for (YYYY-MM-DD; default today, UTC)',
    },
  },
  async answer({ params: { contractId }, query }, reads) {
    const position = await reads.served(contractComplianceProjection.name);
    const compliance: ContractComplianceQuery = { contractId, asOf: query.asOf ?? reads.today };
    const documents = await reads.store.find<ContractComplianceEntry>(
      CONTRACT_COMPLIANCE,
      contractComplianceFilter(compliance),
    );
    const contract = documents.find(isContractComplianceDocument);
    if (!contract) throw contractErrors.notFoundById(contractId);
    reads.assertProgram(contract.programId);
    return contractComplianceAnswerOf(contract, documents, compliance, position);
  },
});

/** The read routes of the contract compliance report. */
export const CONTRACT_COMPLIANCE_ROUTES = [contractComplianceRoute];
