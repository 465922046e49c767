import type { CommandMeta, Role } from '../shared';
import type { ContractEvent } from './contract.events';

/** Shared givens for the contract decider specs (not exported from the library). */

export const TODAY = '2026-03-20';

export function metaAs(
  roles: readonly Role[] = ['project-manager'],
  sub = 'carla',
  now = `${TODAY}T10:00:00.000Z`,
): CommandMeta {
  return { actor: { sub, roles }, now, effectiveAt: now };
}

export const eur = (amount: number) => ({ amount, currency: 'EUR' });

export const registered: ContractEvent = {
  type: 'ContractRegistered',
  data: {
    contractId: 'k1',
    programId: 'p1',
    customerId: 'cust-1',
    title: '5G RAN rollout North',
    value: eur(100_000_000),
    signedOn: '2025-11-15',
    registeredBy: 'sam',
    authority: 'sales',
  },
};

/** Cluster 3 PAC due 2026-03-01, LD 0.5 %/week, cap 10 %, 7 grace days. */
export const pacObligation: ContractEvent = {
  type: 'ObligationRegistered',
  data: {
    contractId: 'k1',
    obligationId: 'ob-pac-3',
    kind: 'acceptance',
    title: 'PAC of cluster 3',
    dueOn: '2026-03-01',
    measurementWindow: null,
    evidenceRule: 'PAC signed by the customer',
    remedy: { kind: 'liquidated-damages', ratePerWeekPct: 0.5, capPct: 10, graceDays: 7 },
    registeredBy: 'carla',
    authority: 'project-manager',
  },
};

/** The cluster 3 PAC obligation recorded as missed the day after its deadline. */
export const pacMissed: ContractEvent = {
  type: 'ObligationMissed',
  data: {
    contractId: 'k1',
    obligationId: 'ob-pac-3',
    deadline: '2026-03-01',
    missedAsOf: '2026-03-02',
    reason: 'customer tests not passed',
    recordedBy: 'carla',
    authority: 'project-manager',
  },
};

/** A design document due 2026-02-15, no remedy. */
export const designObligation: ContractEvent = {
  type: 'ObligationRegistered',
  data: {
    contractId: 'k1',
    obligationId: 'ob-design',
    kind: 'deliverable',
    title: 'Low-level design',
    dueOn: '2026-02-15',
    measurementWindow: null,
    evidenceRule: 'design approved by the customer',
    remedy: null,
    registeredBy: 'carla',
    authority: 'project-manager',
  },
};

export function accrued(
  asOf: string,
  weeksLate: number,
  daysLate: number,
  amount: number,
  total: number,
  countedUntil = asOf,
): ContractEvent {
  return {
    type: 'LiquidatedDamagesAccrued',
    data: {
      contractId: 'k1',
      obligationId: 'ob-pac-3',
      asOf,
      countedUntil,
      daysLate,
      weeksLate,
      amount: eur(amount),
      accruedTotal: eur(total),
      cap: eur(10_000_000),
      accruedBy: 'carla',
      authority: 'project-manager',
    },
  };
}

export function fulfilledBy(certificateId: string, fulfilledOn: string): ContractEvent {
  return {
    type: 'ObligationFulfilled',
    data: {
      contractId: 'k1',
      obligationId: 'ob-pac-3',
      fulfilledOn,
      evidence: { kind: 'acceptance-certificate', ref: certificateId },
      onTime: fulfilledOn <= '2026-03-01',
      recordedBy: 'carla',
      authority: 'project-manager',
    },
  };
}
