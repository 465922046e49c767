import type { ReadFilter } from '@ledger/read-store';
import { answerPosition } from '../answer-position';
import type {
  ContractComplianceDocument,
  ContractComplianceEntry,
  ContractMilestoneLinks,
} from './contract-compliance.projection';
import {
  contractComplianceReport,
  type ContractComplianceReport,
} from './contract-compliance.report';

/** What a caller may ask of a contract's compliance. */
export interface ContractComplianceQuery {
  readonly contractId: string;
  /** The date obligations and liquidated damages are judged on (YYYY-MM-DD). */
  readonly asOf: string;
}

export interface ContractComplianceAnswer extends ContractComplianceReport {
  /** The log position the answer reflects (also in X-Read-Position). */
  readonly position: number;
}

/** The contract and the links of its projects both carry contractId: one read finds them all. */
export function contractComplianceFilter(query: ContractComplianceQuery): ReadFilter {
  return { contractId: query.contractId };
}

/**
 * The answer over the documents the filter found, `contract` the contract's own among them (the
 * api has found it and checked the caller may see it), `served` the position served.
 */
export function contractComplianceAnswerOf(
  contract: ContractComplianceDocument,
  documents: readonly ContractComplianceEntry[],
  query: ContractComplianceQuery,
  served: number,
): ContractComplianceAnswer {
  const links = documents.filter(
    (document): document is ContractMilestoneLinks => document.type === 'project',
  );
  return {
    ...contractComplianceReport(contract, links, query.asOf),
    position: answerPosition(served, documents),
  };
}
