import {
  assertNever,
  type Money,
  type ProgramCreated,
  type ProjectCreated,
  type RiskAssessmentData,
  type RiskEvent,
} from '@ledger/domain';
import type { ReadDocument } from '@ledger/read-store';
import type { Projection } from '../../projection';
import { defineProjection, type ProjectedEvent } from '../../typed-projection';
import { riskEntryWith } from './risk-entry-with';

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

/** Risk events, and the creations that let query time scope a project's risks to its program. */
type RiskRegisterEvent = RiskEvent | ProgramCreated | ProjectCreated;

const strOrNull = (value: unknown): string | null => (typeof value === 'string' ? value : null);
const money = ({ amount, currency }: Money): RiskMoney => ({ amount, currency });
const later = (a: string, b: string): string => (a >= b ? a : b);

function assessmentOf(data: RiskAssessmentData, at: string): RiskAssessmentEntry {
  return {
    probability: Number(data.probability),
    probabilityPercent: Number(data.probabilityPercent),
    impact: Number(data.impact),
    score: Number(data.score),
    costImpact: money(data.costImpact),
    scheduleDays: typeof data.scheduleDays === 'number' ? data.scheduleDays : null,
    expectedMonetaryValue: money(data.expectedMonetaryValue),
    assessedBy: data.assessedBy,
    assessedAt: at,
  };
}

function applyToRisk(
  document: RiskRegisterEntry | null,
  event: ProjectedEvent<RiskEvent>,
): RiskRegisterEntry | null {
  const { type, data } = event;
  if (type === 'RiskRaised') {
    if (document) return document;
    const riskId = data.riskId;
    return {
      _id: riskRegisterEntryId(riskId),
      position: event.position,
      type: 'risk',
      riskId,
      projectId: data.projectId,
      kind: data.kind,
      category: data.category,
      title: data.title,
      cause: data.cause,
      event: data.event,
      effect: data.effect,
      raisedBy: data.raisedBy,
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
  // One copy per event, stamped here (the engine would copy the entry again to stamp it).
  const lastEventAt = later(document.lastEventAt, event.recordedAt);
  const touched = (change: Parameters<typeof riskEntryWith>[1]): RiskRegisterEntry =>
    riskEntryWith(document, { ...change, position: event.position, lastEventAt });
  switch (type) {
    case 'RiskAssessed':
      return touched({
        inherent: assessmentOf(data, event.recordedAt),
        nextReviewOn: strOrNull(data.nextReviewOn),
      });
    case 'ResidualRiskAssessed':
      return touched({
        residual: assessmentOf(data, event.recordedAt),
        nextReviewOn: strOrNull(data.nextReviewOn),
      });
    case 'RiskOwnerAssigned':
      return touched({ ownerId: data.ownerId });
    case 'RiskResponsePlanned': {
      const given = data.contingencyReserve;
      const reserve = given === null || given === undefined ? null : money(given);
      return touched({
        response: {
          strategy: data.strategy,
          description: data.description,
          contingencyReserve: reserve,
        },
        // A new reserve starts with what was already drawn (nothing, the first time).
        contingencyDrawn:
          reserve === null
            ? document.contingencyDrawn
            : { amount: document.contingencyDrawn?.amount ?? 0, currency: reserve.currency },
      });
    }
    case 'ResponseActionAdded': {
      const actionId = data.actionId;
      if (document.actions.some((action) => action.actionId === actionId)) return document;
      const action: RiskActionEntry = {
        actionId,
        description: data.description,
        ownerId: data.ownerId,
        dueOn: data.dueOn,
        status: data.status,
      };
      return touched({ actions: [...document.actions, action] });
    }
    case 'ResponseActionUpdated': {
      const changes = data.changes ?? {};
      const known = (['description', 'ownerId', 'dueOn', 'status'] as const).filter(
        (field) => typeof changes[field] === 'string',
      );
      return touched({
        actions: document.actions.map((action) =>
          action.actionId === data.actionId
            ? known.reduce((changed, field) => ({ ...changed, [field]: changes[field] }), action)
            : action,
        ),
      });
    }
    case 'RiskEscalated':
      return touched({
        escalation: {
          level: data.level,
          escalatedTo: data.escalatedTo,
          reason: data.reason,
          escalatedAt: event.recordedAt,
        },
      });
    case 'RiskOccurred':
      if (document.status === 'closed') return document;
      return touched({
        status: 'occurred',
        occurrence: {
          occurredOn: data.occurredOn,
          description: data.description,
          actualCostImpact: money(data.actualCostImpact),
          becameIssue: data.becameIssue === true,
        },
      });
    case 'ContingencyDrawn': {
      // Drawn so far = the reserve at the draw − what the draw left (both recorded): a
      // replayed draw gives the same figure, a sum of amounts would count it twice.
      const reserve = document.response?.contingencyReserve ?? null;
      if (reserve === null) return touched({});
      return touched({
        contingencyDrawn: {
          amount: reserve.amount - money(data.remainingReserve).amount,
          currency: reserve.currency,
        },
      });
    }
    case 'RiskClosed':
      return touched({ status: 'closed', closeReason: data.reason });
    default:
      return assertNever(type);
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
export const riskRegisterProjection: Projection<RiskRegisterDocument> = defineProjection<
  RiskRegisterEvent,
  RiskRegisterDocument
>({
  name: 'risk-register',
  collection: RISK_REGISTER,
  handles: {
    ProgramCreated: true,
    ProjectCreated: true,
    RiskRaised: true,
    RiskAssessed: true,
    RiskOwnerAssigned: true,
    RiskResponsePlanned: true,
    ResponseActionAdded: true,
    ResponseActionUpdated: true,
    ResidualRiskAssessed: true,
    RiskEscalated: true,
    RiskOccurred: true,
    ContingencyDrawn: true,
    RiskClosed: true,
  },
  indexes: [['projectId'], ['type', 'programId']],

  documentId(event: ProjectedEvent<RiskRegisterEvent>): string | null {
    if (event.type === 'ProgramCreated') {
      const { programId } = event.data;
      return programId ? riskRegisterProgramId(programId) : null;
    }
    if (event.type === 'ProjectCreated') {
      const { projectId } = event.data;
      return projectId ? riskRegisterProjectId(projectId) : null;
    }
    const { riskId } = event.data;
    return riskId ? riskRegisterEntryId(riskId) : null;
  },

  apply(document: RiskRegisterDocument | null, event: ProjectedEvent<RiskRegisterEvent>) {
    const { type, data } = event;
    if (type === 'ProgramCreated') {
      if (document) return document;
      const programId = data.programId;
      return {
        _id: riskRegisterProgramId(programId),
        position: event.position,
        type: 'program',
        programId,
        name: data.name,
      };
    }
    if (type === 'ProjectCreated') {
      if (document) return document;
      const projectId = data.projectId;
      return {
        _id: riskRegisterProjectId(projectId),
        position: event.position,
        type: 'project',
        projectId,
        programId: data.programId,
        name: data.name,
      };
    }
    if (document && document.type !== 'risk') return document;
    return applyToRisk(document, event);
  },
});
