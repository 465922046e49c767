import type {
  ContractComplianceDocument,
  ContractMilestoneLinks,
} from './contract-compliance.projection';
import {
  contractComplianceAnswerOf,
  contractComplianceFilter,
  type ContractComplianceQuery,
} from './contract-compliance.query';
import { contractComplianceReport } from './contract-compliance.report';

const contract: ContractComplianceDocument = {
  _id: 'contract:k1',
  position: 12,
  type: 'contract',
  contractId: 'k1',
  programId: 'g1',
  customerId: 'cust-1',
  title: 'RAN North',
  value: { amount: 100_000_000, currency: 'EUR' },
  originalValue: { amount: 100_000_000, currency: 'EUR' },
  signedOn: '2025-01-15',
  keyProject: null,
  amendments: [],
  obligations: [],
  registeredAt: '2025-01-15T00:00:00.000Z',
  lastEventAt: '2025-01-15T00:00:00.000Z',
};

const links = (projectId: string, position: number): ContractMilestoneLinks => ({
  _id: `project:${projectId}`,
  position,
  type: 'project',
  projectId,
  programId: 'g1',
  contractId: 'k1',
  baselineVersion: 1,
  milestones: [],
  forecasts: [],
  forecastPosition: null,
  lastEventAt: '2025-02-01T00:00:00.000Z',
});

const query: ContractComplianceQuery = { contractId: 'k1', asOf: '2025-06-01' };

describe('contract compliance query', () => {
  it('asks the store for every document of the contract: its own and its projects’ links', () => {
    expect(contractComplianceFilter(query)).toEqual({ contractId: 'k1' });
  });

  it('answers the report over the contract and its projects’ links, at the newest document', () => {
    const p1 = links('p1', 20);
    const documents = [p1, contract];
    expect(contractComplianceAnswerOf(contract, documents, query, 15)).toEqual({
      ...contractComplianceReport(contract, [p1], '2025-06-01'),
      position: 20,
    });
    expect(contractComplianceAnswerOf(contract, [contract], query, 15).position).toBe(15);
  });
});
