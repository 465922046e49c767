import {
  assertNever,
  type AcceptanceOpened,
  type AcceptanceRejected,
  type BaselineRevised,
  type ChangeRequestDecided,
  type ChangeRequestRaised,
  type ContractAmended,
  type ContractRegistered,
  type CustomerApprovalRecorded,
  type FinalAcceptanceCertificateIssued,
  type FinalAcceptanceWaived,
  type HandoverApproved,
  type HandoverConditionallyApproved,
  type HandoverInitiated,
  type HandoverRejected,
  type LiquidatedDamagesAccrued,
  type LiquidatedDamagesWaived,
  type ProjectCreated,
  type ProvisionalAcceptanceCertificateIssued,
} from '@ledger/domain';
import type { ReadDocument } from '@ledger/read-store';
import type { Projection } from '../../projection';
import { defineProjection, type ProjectedEvent } from '../../typed-projection';
import type { DecisionEntry, DecisionSubject } from './decision-register.entry';

export const DECISION_REGISTER = 'decision_register';

/** The events that open a file, record who asked for something, or record a decision. */
export type DecisionRegisterEvent =
  | ProjectCreated
  | ChangeRequestRaised
  | ChangeRequestDecided
  | CustomerApprovalRecorded
  | BaselineRevised
  | FinalAcceptanceWaived
  | HandoverInitiated
  | HandoverApproved
  | HandoverConditionallyApproved
  | HandoverRejected
  | AcceptanceOpened
  | ProvisionalAcceptanceCertificateIssued
  | FinalAcceptanceCertificateIssued
  | AcceptanceRejected
  | ContractRegistered
  | ContractAmended
  | LiquidatedDamagesAccrued
  | LiquidatedDamagesWaived;

/** Who asked for a subject to be decided (the latest asker for a subject asked again). */
export interface DecisionRequest {
  readonly subject: DecisionSubject;
  readonly requestedBy: string;
}

/**
 * One document per project (`project:<id>`) and per contract (`contract:<id>`) in
 * `decision_register`: the program it belongs to, who asked for each subject, and the decisions
 * in log order. Per project and not per decision because the decider's counterpart (the
 * requester) is known only from an earlier event of the subject, and a document folds alone
 * (P5); the program comes from the project's or contract's first event for the same reason.
 * The query flattens `decisions`.
 */
export interface DecisionRegisterFile extends ReadDocument {
  readonly scope: 'project' | 'contract';
  readonly programId: string;
  readonly projectId: string | null;
  readonly contractId: string;
  readonly requests: readonly DecisionRequest[];
  readonly decisions: readonly DecisionEntry[];
}

type Event = ProjectedEvent<DecisionRegisterEvent>;

const sameSubject = (a: DecisionSubject, b: DecisionSubject): boolean =>
  a.type === b.type && a.id === b.id;

function withRequest(file: DecisionRegisterFile, request: DecisionRequest): DecisionRegisterFile {
  const others = file.requests.filter((known) => !sameSubject(known.subject, request.subject));
  return { ...file, requests: [...others, request] };
}

/** The facts every decision of `event` shares; the caller adds what the event says. */
interface DecisionFacts {
  readonly kind: DecisionEntry['kind'];
  readonly outcome: string;
  readonly subject: DecisionSubject;
  readonly authority: string | null;
  readonly reason: string | null;
  readonly contractId?: string;
  readonly stage?: DecisionEntry['stage'];
  readonly changeRequestId?: string;
  readonly customerSignatureRef?: string;
  readonly certificateId?: string;
  /** The subject whose asker is the requester, when it is not `subject` itself. */
  readonly requestedFor?: DecisionSubject;
}

function withDecision(file: DecisionRegisterFile, event: Event, facts: DecisionFacts) {
  const decidedBy = event.metadata.actor.sub;
  const requestedFor = facts.requestedFor ?? facts.subject;
  const requestedBy =
    file.requests.find((request) => sameSubject(request.subject, requestedFor))?.requestedBy ??
    null;
  const entry: DecisionEntry = {
    decisionId: event.id,
    kind: facts.kind,
    outcome: facts.outcome,
    stage: facts.stage ?? null,
    subject: facts.subject,
    programId: file.programId,
    projectId: file.projectId,
    contractId: facts.contractId ?? file.contractId,
    decidedBy,
    roles: [...event.metadata.actor.roles],
    authority: facts.authority,
    changeRequestId: facts.changeRequestId ?? null,
    customerSignatureRef: facts.customerSignatureRef ?? null,
    certificateId: facts.certificateId ?? null,
    reason: facts.reason,
    recordedAt: event.recordedAt,
    effectiveAt: event.metadata.effectiveAt,
    logPosition: event.position,
    eventType: event.type,
    segregation: {
      requestedBy,
      decidedBy,
      distinct: requestedBy === null ? null : requestedBy !== decidedBy,
    },
  };
  return { ...file, decisions: [...file.decisions, entry] };
}

const changeRequest = (id: string): DecisionSubject => ({ type: 'change-request', id });
const handover = (id: string): DecisionSubject => ({ type: 'handover', id });
const acceptance = (id: string): DecisionSubject => ({ type: 'acceptance', id });
const obligation = (id: string): DecisionSubject => ({ type: 'obligation', id });

/** Decision register (issue 10 §1): every decision, who took it, on whose request, under what. */
export const decisionRegisterProjection: Projection<DecisionRegisterFile> = defineProjection<
  DecisionRegisterEvent,
  DecisionRegisterFile
>({
  name: 'decision-register',
  collection: DECISION_REGISTER,
  handles: {
    ProjectCreated: true,
    ChangeRequestRaised: true,
    ChangeRequestDecided: true,
    CustomerApprovalRecorded: true,
    BaselineRevised: true,
    FinalAcceptanceWaived: true,
    HandoverInitiated: true,
    HandoverApproved: true,
    HandoverConditionallyApproved: true,
    HandoverRejected: true,
    AcceptanceOpened: true,
    ProvisionalAcceptanceCertificateIssued: true,
    FinalAcceptanceCertificateIssued: true,
    AcceptanceRejected: true,
    ContractRegistered: true,
    ContractAmended: true,
    LiquidatedDamagesAccrued: true,
    LiquidatedDamagesWaived: true,
  },
  indexes: [['programId'], ['projectId']],

  documentId(event: Event): string | null {
    switch (event.type) {
      case 'ContractRegistered':
      case 'LiquidatedDamagesAccrued':
      case 'LiquidatedDamagesWaived':
        return event.data.contractId ? `contract:${event.data.contractId}` : null;
      default:
        // The amendment goes to its project's file: its requester is the change request's.
        return event.data.projectId ? `project:${event.data.projectId}` : null;
    }
  },

  apply(file: DecisionRegisterFile | null, event: Event): DecisionRegisterFile | null {
    // P5: an event at or below the document's position was folded in already.
    if (file && event.position <= file.position) return file;
    if (event.type === 'ProjectCreated' || event.type === 'ContractRegistered') {
      if (file) return file;
      const { data } = event;
      const project = event.type === 'ProjectCreated' ? event.data.projectId : null;
      return {
        _id: project === null ? `contract:${data.contractId}` : `project:${project}`,
        position: event.position,
        scope: project === null ? 'contract' : 'project',
        programId: data.programId,
        projectId: project,
        contractId: data.contractId,
        requests: [],
        decisions: [],
      };
    }
    // No other event creates a file (P5: it may be replayed onto null).
    if (!file) return null;
    switch (event.type) {
      case 'ChangeRequestRaised':
        return withRequest(file, {
          subject: changeRequest(event.data.changeRequestId),
          requestedBy: event.data.requestedBy,
        });
      case 'HandoverInitiated':
        return withRequest(file, {
          subject: handover(event.data.handoverId),
          requestedBy: event.data.initiatedBy,
        });
      case 'AcceptanceOpened':
        return withRequest(file, {
          subject: acceptance(event.data.acceptanceId),
          requestedBy: event.data.openedBy,
        });
      case 'LiquidatedDamagesAccrued':
        // The accruer asks, in effect, for the damages: a waiver answers the latest accrual.
        return withRequest(file, {
          subject: obligation(event.data.obligationId),
          requestedBy: event.data.accruedBy,
        });
      case 'ChangeRequestDecided':
        return withDecision(file, event, {
          kind: 'change-request-decision',
          outcome: event.data.outcome,
          subject: changeRequest(event.data.changeRequestId),
          authority: event.data.authority,
          reason: event.data.reason,
          changeRequestId: event.data.changeRequestId,
        });
      case 'CustomerApprovalRecorded':
        return withDecision(file, event, {
          kind: 'customer-approval',
          outcome: 'signed',
          subject: changeRequest(event.data.changeRequestId),
          authority: null,
          reason: null,
          changeRequestId: event.data.changeRequestId,
          customerSignatureRef: event.data.customerSignatureRef,
        });
      case 'BaselineRevised':
        return withDecision(file, event, {
          kind: 'baseline-revision',
          outcome: 'revised',
          subject: changeRequest(event.data.changeRequestId),
          authority: null,
          reason: `baseline version ${event.data.version}`,
          changeRequestId: event.data.changeRequestId,
        });
      case 'ContractAmended':
        return withDecision(file, event, {
          kind: 'contract-amendment',
          outcome: 'amended',
          subject: changeRequest(event.data.changeRequestId),
          authority: event.data.authority,
          reason: event.data.summary,
          contractId: event.data.contractId,
          changeRequestId: event.data.changeRequestId,
          customerSignatureRef: event.data.customerSignatureRef,
        });
      case 'FinalAcceptanceWaived':
        return withDecision(file, event, {
          kind: 'final-acceptance-waiver',
          outcome: 'waived',
          subject: { type: 'project', id: event.data.projectId },
          authority: event.data.authority,
          reason: event.data.reason,
        });
      case 'HandoverApproved':
        return withDecision(file, event, {
          kind: 'handover-decision',
          outcome: 'approved',
          subject: handover(event.data.handoverId),
          authority: event.data.authority,
          reason: event.data.note,
        });
      case 'HandoverConditionallyApproved':
        return withDecision(file, event, {
          kind: 'handover-decision',
          outcome: 'conditionally-approved',
          subject: handover(event.data.handoverId),
          authority: event.data.authority,
          reason: `${event.data.conditions.length} condition(s)`,
        });
      case 'HandoverRejected':
        return withDecision(file, event, {
          kind: 'handover-decision',
          outcome: 'rejected',
          subject: handover(event.data.handoverId),
          authority: event.data.authority,
          reason: event.data.reason,
        });
      case 'ProvisionalAcceptanceCertificateIssued':
      case 'FinalAcceptanceCertificateIssued':
        return withDecision(file, event, {
          kind: 'acceptance-decision',
          outcome: 'issued',
          stage: event.type === 'ProvisionalAcceptanceCertificateIssued' ? 'provisional' : 'final',
          subject: acceptance(event.data.acceptanceId),
          authority: event.data.authority,
          reason: null,
          certificateId: event.data.certificateId,
        });
      case 'AcceptanceRejected':
        return withDecision(file, event, {
          kind: 'acceptance-decision',
          outcome: 'rejected',
          stage: event.data.stage,
          subject: acceptance(event.data.acceptanceId),
          authority: event.data.authority,
          reason: event.data.reason,
        });
      case 'LiquidatedDamagesWaived':
        return withDecision(file, event, {
          kind: 'ld-waiver',
          outcome: 'waived',
          subject: obligation(event.data.obligationId),
          authority: event.data.authority,
          reason: event.data.reason,
        });
      default:
        return assertNever(event);
    }
  },
});
