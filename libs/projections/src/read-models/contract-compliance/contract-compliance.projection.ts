import {
  assertNever,
  type BaselineContent,
  type ContractEvent,
  type Money,
  type ObligationDue,
  type ObligationRemedy,
  type ProjectEvent,
} from '@ledger/domain';
import type { ReadDocument } from '@ledger/read-store';
import type { Projection } from '../../projection';
import { defineProjection, type ProjectedEvent } from '../../typed-projection';

export const CONTRACT_COMPLIANCE = 'contract_compliance';

export interface ComplianceMoney {
  readonly amount: number;
  readonly currency: string;
}

export interface ComplianceWindow {
  readonly from: string;
  readonly to: string;
}

export interface ComplianceRemedy {
  readonly kind: string;
  readonly ratePerWeekPct: number;
  readonly capPct: number;
  readonly graceDays: number;
}

/** What the LD clause of one obligation has produced so far (minor units, contract currency). */
export interface ComplianceLiquidatedDamages {
  /** The `asOf` of the latest accrual; null before any. */
  readonly accruedAsOf: string | null;
  /** Everything accrued so far (the latest `accruedTotal`). */
  readonly accrued: number;
  /** Everything waived so far (the latest `waivedTotal`). */
  readonly waived: number;
  /** Days / started weeks late after grace at the latest accrual. */
  readonly daysLate: number;
  readonly weeksLate: number;
  readonly capReached: boolean;
}

export interface ComplianceObligation {
  readonly obligationId: string;
  readonly kind: string;
  readonly title: string;
  /** Null when the obligation was registered without one (absent is null, never ""). */
  readonly evidenceRule: string | null;
  /** Exactly one of `dueOn` and `measurementWindow` is set (as registered or amended). */
  readonly dueOn: string | null;
  readonly measurementWindow: ComplianceWindow | null;
  /** The day it is late after: `dueOn`, or the end of the window (as amended). */
  readonly deadline: string;
  /** The deadline as first registered, before any amendment. */
  readonly originalDeadline: string;
  readonly remedy: ComplianceRemedy | null;
  readonly registeredAt: string;
  readonly fulfilment: {
    readonly fulfilledOn: string;
    readonly evidence: { readonly kind: string; readonly ref: string };
    readonly onTime: boolean;
    readonly recordedBy: string;
  } | null;
  readonly missed: {
    readonly deadline: string;
    readonly missedAsOf: string;
    readonly reason: string;
    readonly recordedBy: string;
  } | null;
  readonly liquidatedDamages: ComplianceLiquidatedDamages;
}

export interface ComplianceAmendment {
  readonly amendmentId: string;
  readonly changeRequestId: string;
  readonly projectId: string;
  readonly summary: string;
  readonly customerSignatureRef: string;
  readonly amendedBy: string;
  readonly amendedAt: string;
}

/** One per contract (`_id` = `contract:<contractId>`): the contract and its obligations. */
export interface ContractComplianceDocument extends ReadDocument {
  readonly type: 'contract';
  readonly contractId: string;
  readonly programId: string;
  readonly customerId: string;
  readonly title: string;
  /** The current value (as amended) and the value as registered. */
  readonly value: ComplianceMoney;
  readonly originalValue: ComplianceMoney;
  readonly signedOn: string;
  readonly keyProject: {
    readonly criteria: readonly string[];
    readonly reason: string;
    readonly designatedBy: string;
  } | null;
  readonly amendments: readonly ComplianceAmendment[];
  /** In the order registered (an array: obligation ids may contain '.', never a key). */
  readonly obligations: readonly ComplianceObligation[];
  readonly registeredAt: string;
  readonly lastEventAt: string;
}

export interface ComplianceLinkedMilestone {
  readonly milestoneId: string;
  readonly title: string;
  /** The due date in the project's current baseline. */
  readonly dueOn: string;
  readonly obligationId: string;
}

/**
 * One per project (`_id` = `project:<projectId>`): the milestones of its current baseline that
 * are linked to an obligation of its contract, and its latest forecast of those milestones.
 * Project events do not name the contract, so the link is kept per project and joined with the
 * contract at query time (both carry `contractId`: one `find` answers a contract).
 */
export interface ContractMilestoneLinks extends ReadDocument {
  readonly type: 'project';
  readonly projectId: string;
  readonly programId: string;
  readonly contractId: string;
  /** The current baseline version; null before a baseline. */
  readonly baselineVersion: number | null;
  readonly milestones: readonly ComplianceLinkedMilestone[];
  /** The latest ForecastSubmitted, for the linked milestones only (it replaces the previous). */
  readonly forecasts: readonly { readonly milestoneId: string; readonly forecastOn: string }[];
  /** The position of that forecast: an older one never replaces it. */
  readonly forecastPosition: number | null;
  readonly lastEventAt: string;
}

export type ContractComplianceEntry = ContractComplianceDocument | ContractMilestoneLinks;

export const contractComplianceDocumentId = (contractId: string): string =>
  `contract:${contractId}`;
export const contractMilestoneLinksId = (projectId: string): string => `project:${projectId}`;

export function isContractComplianceDocument(
  entry: ContractComplianceEntry,
): entry is ContractComplianceDocument {
  return entry.type === 'contract';
}

/** The project facts that link baseline milestones to obligations (they do not name the contract). */
type MilestoneLinkEvent = Extract<
  ProjectEvent,
  { type: 'ProjectCreated' | 'BaselineEstablished' | 'BaselineRevised' | 'ForecastSubmitted' }
>;
type ContractComplianceEvent = ContractEvent | MilestoneLinkEvent;

const CONTRACT_EVENTS: { readonly [T in ContractEvent['type']]: true } = {
  ContractRegistered: true,
  ContractDesignatedKeyProject: true,
  ObligationRegistered: true,
  ContractAmended: true,
  ObligationFulfilled: true,
  ObligationMissed: true,
  LiquidatedDamagesAccrued: true,
  LiquidatedDamagesCapReached: true,
  LiquidatedDamagesWaived: true,
};
const MILESTONE_LINK_EVENTS: { readonly [T in MilestoneLinkEvent['type']]: true } = {
  ProjectCreated: true,
  BaselineEstablished: true,
  BaselineRevised: true,
  ForecastSubmitted: true,
};
const CONTRACT_EVENT_SET: ReadonlySet<string> = new Set(Object.keys(CONTRACT_EVENTS));

/** A contract event goes to the contract's document, the others to the project's links. */
const isContractEvent = (
  event: ProjectedEvent<ContractComplianceEvent>,
): event is ProjectedEvent<ContractEvent> => CONTRACT_EVENT_SET.has(event.type);

const strOrNull = (value: unknown): string | null => (typeof value === 'string' ? value : null);
const money = ({ amount, currency }: Money): ComplianceMoney => ({ amount, currency });
const later = (a: string, b: string): string => (a >= b ? a : b);

interface DueFields {
  readonly dueOn: string | null;
  readonly measurementWindow: ComplianceWindow | null;
  readonly deadline: string;
}

/** `dueOn` / `measurementWindow` as the event carries them, and the deadline they give. */
function dueOf(due: ObligationDue): DueFields {
  if (due.dueOn !== null) return { dueOn: due.dueOn, measurementWindow: null, deadline: due.dueOn };
  const window = due.measurementWindow;
  const measurementWindow = { from: window.from, to: window.to };
  return { dueOn: null, measurementWindow, deadline: measurementWindow.to };
}

function remedyOf(remedy: ObligationRemedy | null): ComplianceRemedy | null {
  if (!remedy) return null;
  return {
    kind: remedy.kind,
    ratePerWeekPct: remedy.ratePerWeekPct,
    capPct: remedy.capPct,
    graceDays: remedy.graceDays ?? 0,
  };
}

function withObligation(
  document: ContractComplianceDocument,
  obligationId: string,
  change: (obligation: ComplianceObligation) => ComplianceObligation,
): ContractComplianceDocument {
  const index = document.obligations.findIndex((o) => o.obligationId === obligationId);
  if (index < 0) return document;
  return {
    ...document,
    obligations: document.obligations.map((o, i) => (i === index ? change(o) : o)),
  };
}

function applyToContract(
  document: ContractComplianceDocument | null,
  event: ProjectedEvent<ContractEvent>,
): ContractComplianceDocument | null {
  const { type, data } = event;
  if (type === 'ContractRegistered') {
    if (document) return document;
    const contractId = data.contractId;
    const value = money(data.value);
    return {
      _id: contractComplianceDocumentId(contractId),
      position: event.position,
      type: 'contract',
      contractId,
      programId: data.programId,
      customerId: data.customerId,
      title: data.title,
      value,
      originalValue: value,
      signedOn: data.signedOn,
      keyProject: null,
      amendments: [],
      obligations: [],
      registeredAt: event.recordedAt,
      lastEventAt: event.recordedAt,
    };
  }
  // No other contract event creates the document (P5: it may be replayed onto null).
  if (!document) return null;
  const touched = { ...document, lastEventAt: later(document.lastEventAt, event.recordedAt) };
  switch (type) {
    case 'ContractDesignatedKeyProject':
      return {
        ...touched,
        keyProject: {
          criteria: [...(data.criteria ?? [])],
          reason: data.reason,
          designatedBy: data.designatedBy,
        },
      };
    case 'ObligationRegistered': {
      const { obligationId } = data;
      if (document.obligations.some((o) => o.obligationId === obligationId)) return document;
      const due = dueOf(data);
      const obligation: ComplianceObligation = {
        obligationId,
        kind: data.kind,
        title: data.title,
        // The command path stores "" when no rule was given; the read side says absent as null.
        evidenceRule: strOrNull(data.evidenceRule)?.trim() || null,
        ...due,
        originalDeadline: due.deadline,
        remedy: remedyOf(data.remedy),
        registeredAt: event.recordedAt,
        fulfilment: null,
        missed: null,
        liquidatedDamages: {
          accruedAsOf: null,
          accrued: 0,
          waived: 0,
          daysLate: 0,
          weeksLate: 0,
          capReached: false,
        },
      };
      return { ...touched, obligations: [...touched.obligations, obligation] };
    }
    case 'ContractAmended': {
      const amendmentId = data.amendmentId;
      if (document.amendments.some((a) => a.amendmentId === amendmentId)) return document;
      const amended = data.value;
      const changes = data.obligationDueChanges ?? [];
      const withAmendment: ContractComplianceDocument = {
        ...touched,
        value: amended ? money(amended.amended) : touched.value,
        amendments: [
          ...touched.amendments,
          {
            amendmentId,
            changeRequestId: data.changeRequestId,
            projectId: data.projectId,
            summary: data.summary,
            customerSignatureRef: data.customerSignatureRef,
            amendedBy: data.amendedBy,
            amendedAt: event.recordedAt,
          },
        ],
      };
      return changes.reduce(
        (current, change) =>
          withObligation(current, change.obligationId, (o) => ({ ...o, ...dueOf(change) })),
        withAmendment,
      );
    }
    case 'ObligationFulfilled': {
      const { evidence } = data;
      return withObligation(touched, data.obligationId, (o) => ({
        ...o,
        fulfilment: {
          fulfilledOn: data.fulfilledOn,
          evidence: { kind: evidence.kind, ref: evidence.ref },
          onTime: data.onTime === true,
          recordedBy: data.recordedBy,
        },
      }));
    }
    case 'ObligationMissed':
      return withObligation(touched, data.obligationId, (o) => ({
        ...o,
        missed: {
          deadline: data.deadline,
          missedAsOf: data.missedAsOf,
          reason: data.reason,
          recordedBy: data.recordedBy,
        },
      }));
    case 'LiquidatedDamagesAccrued': {
      const asOf = data.asOf;
      return withObligation(touched, data.obligationId, (o) => {
        const ledger = o.liquidatedDamages;
        // Accruals are cumulative: one for an earlier or the same day adds nothing (replays).
        if (ledger.accruedAsOf !== null && asOf <= ledger.accruedAsOf) return o;
        return {
          ...o,
          liquidatedDamages: {
            ...ledger,
            accruedAsOf: asOf,
            accrued: money(data.accruedTotal).amount,
            daysLate: Number(data.daysLate),
            weeksLate: Number(data.weeksLate),
          },
        };
      });
    }
    case 'LiquidatedDamagesCapReached':
      return withObligation(touched, data.obligationId, (o) => ({
        ...o,
        liquidatedDamages: { ...o.liquidatedDamages, capReached: true },
      }));
    case 'LiquidatedDamagesWaived':
      return withObligation(touched, data.obligationId, (o) => ({
        ...o,
        liquidatedDamages: {
          ...o.liquidatedDamages,
          // Waivers carry the running total: the largest seen is the latest.
          waived: Math.max(o.liquidatedDamages.waived, money(data.waivedTotal).amount),
        },
      }));
    default:
      return assertNever(type);
  }
}

function linkedMilestonesOf(baseline: BaselineContent): ComplianceLinkedMilestone[] {
  const milestones = baseline.milestones ?? [];
  return milestones.flatMap(({ id, title, dueOn, obligationId }) =>
    typeof obligationId === 'string' ? [{ milestoneId: id, title, dueOn, obligationId }] : [],
  );
}

function applyToProject(
  document: ContractMilestoneLinks | null,
  event: ProjectedEvent<MilestoneLinkEvent>,
): ContractMilestoneLinks | null {
  const { type, data } = event;
  if (type === 'ProjectCreated') {
    if (document) return document;
    const projectId = data.projectId;
    return {
      _id: contractMilestoneLinksId(projectId),
      position: event.position,
      type: 'project',
      projectId,
      programId: data.programId,
      contractId: data.contractId,
      baselineVersion: null,
      milestones: [],
      forecasts: [],
      forecastPosition: null,
      lastEventAt: event.recordedAt,
    };
  }
  // Only ProjectCreated creates it (P5: the others may be replayed onto null).
  if (!document) return null;
  const touched = { ...document, lastEventAt: later(document.lastEventAt, event.recordedAt) };
  switch (type) {
    case 'BaselineEstablished':
    case 'BaselineRevised': {
      const version = Number(data.version ?? 1);
      // Versions only go up: an older baseline delivered again changes nothing.
      if (document.baselineVersion !== null && document.baselineVersion >= version) return document;
      const milestones = linkedMilestonesOf(data.baseline);
      const linked = new Set(milestones.map((m) => m.milestoneId));
      return {
        ...touched,
        baselineVersion: version,
        milestones,
        forecasts: touched.forecasts.filter((f) => linked.has(f.milestoneId)),
      };
    }
    case 'ForecastSubmitted': {
      if (document.forecastPosition !== null && event.position <= document.forecastPosition)
        return document;
      const linked = new Set(document.milestones.map((m) => m.milestoneId));
      const submitted = data.milestones ?? [];
      return {
        ...touched,
        forecasts: submitted
          .filter((f) => linked.has(f.milestoneId))
          .map(({ milestoneId, forecastOn }) => ({ milestoneId, forecastOn })),
        forecastPosition: event.position,
      };
    }
    default:
      return assertNever(type);
  }
}

/**
 * The contractual compliance report per contract (issue 4, DOMAIN.md read model 3). Two kinds of
 * document in one collection, both carrying `contractId`: the contract with its obligations
 * (contract events) and, per project, the baseline milestones linked to obligations with their
 * latest forecast (project events, which do not name the contract). Statuses, forecast dates and
 * LD figures depend on the day asked about, so contract-compliance.report.ts computes them at
 * query time.
 */
export const contractComplianceProjection: Projection<ContractComplianceEntry> = defineProjection<
  ContractComplianceEvent,
  ContractComplianceEntry
>({
  name: 'contract-compliance',
  collection: CONTRACT_COMPLIANCE,
  handles: { ...CONTRACT_EVENTS, ...MILESTONE_LINK_EVENTS },
  indexes: [['contractId']],

  documentId(event: ProjectedEvent<ContractComplianceEvent>): string | null {
    if (isContractEvent(event)) {
      const { contractId } = event.data;
      return contractId ? contractComplianceDocumentId(contractId) : null;
    }
    const { projectId } = event.data;
    return projectId ? contractMilestoneLinksId(projectId) : null;
  },

  apply(document: ContractComplianceEntry | null, event: ProjectedEvent<ContractComplianceEvent>) {
    if (isContractEvent(event)) {
      if (document && document.type !== 'contract') return document;
      return applyToContract(document, event);
    }
    if (document && document.type !== 'project') return document;
    return applyToProject(document, event);
  },
});
