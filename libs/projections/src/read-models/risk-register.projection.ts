import type { RecordedEvent } from '@ledger/event-store';
import type { ReadDocument } from '@ledger/read-store';
import type { Projection } from '../projection';
import { type EventData, str } from './event-data';

export const RISK_REGISTER = 'risk_register';

export interface RiskMoney {
  readonly amount: number;
  readonly currency: string;
}

export type RiskRegisterStatus = 'open' | 'occurred' | 'closed';

/** One assessment (inherent or residual) as recorded: every number computed by the domain. */
export interface RiskAssessmentEntry {
  readonly probability: number;
  readonly probabilityPercent: number;
  readonly impact: number;
  readonly score: number;
  readonly costImpact: RiskMoney;
  readonly scheduleDays: number | null;
  /** Negative for threats, positive for opportunities (minor units). */
  readonly expectedMonetaryValue: RiskMoney;
  readonly assessedBy: string;
  readonly assessedAt: string;
}

export interface RiskActionEntry {
  readonly actionId: string;
  readonly description: string;
  readonly ownerId: string;
  readonly dueOn: string;
  readonly status: string;
}

/** One per risk (`_id` = `risk:<riskId>`). */
export interface RiskRegisterEntry extends ReadDocument {
  readonly type: 'risk';
  readonly riskId: string;
  readonly projectId: string;
  readonly kind: string;
  readonly category: string;
  readonly title: string;
  readonly cause: string;
  readonly event: string;
  readonly effect: string;
  readonly raisedBy: string;
  readonly status: RiskRegisterStatus;
  readonly closeReason: string | null;
  readonly ownerId: string | null;
  readonly response: {
    readonly strategy: string;
    readonly description: string;
    readonly contingencyReserve: RiskMoney | null;
  } | null;
  /**
   * Drawn from the reserve so far, in the reserve's currency (zero until a draw); null while the
   * risk has no reserve to draw from.
   */
  readonly contingencyDrawn: RiskMoney | null;
  readonly inherent: RiskAssessmentEntry | null;
  readonly residual: RiskAssessmentEntry | null;
  /** From the latest assessment, inherent or residual. */
  readonly nextReviewOn: string | null;
  readonly escalation: {
    readonly level: string;
    readonly escalatedTo: string;
    readonly reason: string;
    readonly escalatedAt: string;
  } | null;
  readonly actions: readonly RiskActionEntry[];
  readonly occurrence: {
    readonly occurredOn: string;
    readonly description: string;
    readonly actualCostImpact: RiskMoney;
    readonly becameIssue: boolean;
  } | null;
  readonly raisedAt: string;
  readonly lastEventAt: string;
}

/**
 * One per project (`_id` = `project:<projectId>`): which program its register belongs to. Risk
 * events name only the project, so the program is joined at query time through this document.
 */
export interface RiskRegisterProject extends ReadDocument {
  readonly type: 'project';
  readonly projectId: string;
  readonly programId: string;
  readonly name: string;
}

/** One per program (`_id` = `program:<programId>`): so an unknown program is told apart (404). */
export interface RiskRegisterProgram extends ReadDocument {
  readonly type: 'program';
  readonly programId: string;
  readonly name: string;
}

export type RiskRegisterDocument = RiskRegisterEntry | RiskRegisterProject | RiskRegisterProgram;

export const riskRegisterEntryId = (riskId: string): string => `risk:${riskId}`;
export const riskRegisterProjectId = (projectId: string): string => `project:${projectId}`;
export const riskRegisterProgramId = (programId: string): string => `program:${programId}`;

const RISK_EVENTS = [
  'RiskRaised',
  'RiskAssessed',
  'RiskOwnerAssigned',
  'RiskResponsePlanned',
  'ResponseActionAdded',
  'ResponseActionUpdated',
  'ResidualRiskAssessed',
  'RiskEscalated',
  'RiskOccurred',
  'ContingencyDrawn',
  'RiskClosed',
] as const;

const strOrNull = (value: unknown): string | null => (typeof value === 'string' ? value : null);
const money = (value: unknown): RiskMoney => {
  const { amount, currency } = value as RiskMoney;
  return { amount, currency };
};
const later = (a: string, b: string): string => (a >= b ? a : b);

function assessmentOf(data: EventData, at: string): RiskAssessmentEntry {
  return {
    probability: Number(data['probability']),
    probabilityPercent: Number(data['probabilityPercent']),
    impact: Number(data['impact']),
    score: Number(data['score']),
    costImpact: money(data['costImpact']),
    scheduleDays: typeof data['scheduleDays'] === 'number' ? data['scheduleDays'] : null,
    expectedMonetaryValue: money(data['expectedMonetaryValue']),
    assessedBy: str(data, 'assessedBy'),
    assessedAt: at,
  };
}

function applyToRisk(
  document: RiskRegisterEntry | null,
  event: RecordedEvent,
): RiskRegisterEntry | null {
  const data = event.data as EventData;
  if (event.type === 'RiskRaised') {
    if (document) return document;
    const riskId = str(data, 'riskId');
    return {
      _id: riskRegisterEntryId(riskId),
      position: event.position,
      type: 'risk',
      riskId,
      projectId: str(data, 'projectId'),
      kind: str(data, 'kind'),
      category: str(data, 'category'),
      title: str(data, 'title'),
      cause: str(data, 'cause'),
      event: str(data, 'event'),
      effect: str(data, 'effect'),
      raisedBy: str(data, 'raisedBy'),
      status: 'open',
      closeReason: null,
      ownerId: null,
      response: null,
      contingencyDrawn: null,
      inherent: null,
      residual: null,
      nextReviewOn: null,
      escalation: null,
      actions: [],
      occurrence: null,
      raisedAt: event.recordedAt,
      lastEventAt: event.recordedAt,
    };
  }
  // No other risk event creates the entry (P5: it may be replayed onto null).
  if (!document) return null;
  const touched = { ...document, lastEventAt: later(document.lastEventAt, event.recordedAt) };
  switch (event.type) {
    case 'RiskAssessed':
      return {
        ...touched,
        inherent: assessmentOf(data, event.recordedAt),
        nextReviewOn: strOrNull(data['nextReviewOn']),
      };
    case 'ResidualRiskAssessed':
      return {
        ...touched,
        residual: assessmentOf(data, event.recordedAt),
        nextReviewOn: strOrNull(data['nextReviewOn']),
      };
    case 'RiskOwnerAssigned':
      return { ...touched, ownerId: str(data, 'ownerId') };
    case 'RiskResponsePlanned': {
      const given = data['contingencyReserve'];
      const reserve = given === null || given === undefined ? null : money(given);
      return {
        ...touched,
        response: {
          strategy: str(data, 'strategy'),
          description: str(data, 'description'),
          contingencyReserve: reserve,
        },
        // A new reserve starts with what was already drawn (nothing, the first time).
        contingencyDrawn:
          reserve === null
            ? touched.contingencyDrawn
            : { amount: touched.contingencyDrawn?.amount ?? 0, currency: reserve.currency },
      };
    }
    case 'ResponseActionAdded': {
      const actionId = str(data, 'actionId');
      if (document.actions.some((action) => action.actionId === actionId)) return document;
      const action: RiskActionEntry = {
        actionId,
        description: str(data, 'description'),
        ownerId: str(data, 'ownerId'),
        dueOn: str(data, 'dueOn'),
        status: str(data, 'status'),
      };
      return { ...touched, actions: [...touched.actions, action] };
    }
    case 'ResponseActionUpdated': {
      const changes = (data['changes'] ?? {}) as Partial<RiskActionEntry>;
      const known = (['description', 'ownerId', 'dueOn', 'status'] as const).filter(
        (field) => typeof changes[field] === 'string',
      );
      return {
        ...touched,
        actions: touched.actions.map((action) =>
          action.actionId === data['actionId']
            ? known.reduce((changed, field) => ({ ...changed, [field]: changes[field] }), action)
            : action,
        ),
      };
    }
    case 'RiskEscalated':
      return {
        ...touched,
        escalation: {
          level: str(data, 'level'),
          escalatedTo: str(data, 'escalatedTo'),
          reason: str(data, 'reason'),
          escalatedAt: event.recordedAt,
        },
      };
    case 'RiskOccurred':
      if (document.status === 'closed') return document;
      return {
        ...touched,
        status: 'occurred',
        occurrence: {
          occurredOn: str(data, 'occurredOn'),
          description: str(data, 'description'),
          actualCostImpact: money(data['actualCostImpact']),
          becameIssue: data['becameIssue'] === true,
        },
      };
    case 'ContingencyDrawn': {
      // Drawn so far = the reserve at the draw − what the draw left (both recorded): a
      // replayed draw gives the same figure, a sum of amounts would count it twice.
      const reserve = document.response?.contingencyReserve ?? null;
      if (reserve === null) return touched;
      return {
        ...touched,
        contingencyDrawn: {
          amount: reserve.amount - money(data['remainingReserve']).amount,
          currency: reserve.currency,
        },
      };
    }
    case 'RiskClosed':
      return { ...touched, status: 'closed', closeReason: str(data, 'reason') };
    default:
      return touched;
  }
}

/**
 * The risk register (issue 4, DOMAIN.md read model 4): one document per risk with its inherent
 * and residual assessments, owner, response, actions, escalation, occurrence and contingency;
 * plus one small document per project and per program so that query time can scope a project's
 * register to its program and roll a program's projects up (risk events name only the project).
 * Time-dependent figures (overdue reviews and actions) and roll-ups are computed at query time
 * by risk-exposure.ts.
 */
export const riskRegisterProjection: Projection<RiskRegisterDocument> = {
  name: 'risk-register',
  collection: RISK_REGISTER,
  handles: ['ProgramCreated', 'ProjectCreated', ...RISK_EVENTS],
  indexes: [['projectId'], ['type', 'programId']],

  documentId(event: RecordedEvent): string | null {
    const key =
      event.type === 'ProgramCreated'
        ? 'programId'
        : event.type === 'ProjectCreated'
          ? 'projectId'
          : 'riskId';
    const id = event.data[key];
    if (typeof id !== 'string' || id.length === 0) return null;
    if (key === 'programId') return riskRegisterProgramId(id);
    return key === 'projectId' ? riskRegisterProjectId(id) : riskRegisterEntryId(id);
  },

  apply(document: RiskRegisterDocument | null, event: RecordedEvent) {
    const data = event.data as EventData;
    if (event.type === 'ProgramCreated') {
      if (document) return document;
      const programId = str(data, 'programId');
      return {
        _id: riskRegisterProgramId(programId),
        position: event.position,
        type: 'program',
        programId,
        name: str(data, 'name'),
      };
    }
    if (event.type === 'ProjectCreated') {
      if (document) return document;
      const projectId = str(data, 'projectId');
      return {
        _id: riskRegisterProjectId(projectId),
        position: event.position,
        type: 'project',
        projectId,
        programId: str(data, 'programId'),
        name: str(data, 'name'),
      };
    }
    if (document && document.type !== 'risk') return document;
    return applyToRisk(document, event);
  },
};
