/**
 * What the decision register records (issue 10 §1): one entry per decision, with who took it,
 * under which role and authority, when, why, and the segregation-of-duties record.
 */
export const DECISION_KINDS = [
  /** A change request approved, rejected or deferred. */
  'change-request-decision',
  /** The customer's signature on an approved, contractual change request. */
  'customer-approval',
  /** A contract amended on the authority of a signed change request. */
  'contract-amendment',
  /** A new baseline version put in force by an approved change request. */
  'baseline-revision',
  /** A handover approved, conditionally approved or rejected by the receiving side. */
  'handover-decision',
  /** A provisional or final acceptance certificate issued or refused. */
  'acceptance-decision',
  /** Liquidated damages waived on an obligation. */
  'ld-waiver',
  /** A project's final acceptance waived (closing without a FAC). */
  'final-acceptance-waiver',
] as const;
export type DecisionKind = (typeof DECISION_KINDS)[number];

/** What a decision was about: the thing requested and decided. */
export interface DecisionSubject {
  readonly type: 'change-request' | 'handover' | 'acceptance' | 'obligation' | 'project';
  readonly id: string;
}

/**
 * Who asked and who decided. `requestedBy` is the person whose request the decision answers
 * (the change request's requester, the handover's initiator, the acceptance's opener, the last
 * accruer of the damages waived); null when nobody asked (a final-acceptance waiver is the
 * PMO's own act), and then `distinct` is null too. `distinct: false` is an exception.
 */
export interface SegregationRecord {
  readonly requestedBy: string | null;
  readonly decidedBy: string;
  readonly distinct: boolean | null;
}

export interface DecisionEntry {
  /** The id of the event that records the decision. */
  readonly decisionId: string;
  readonly kind: DecisionKind;
  /** approved | rejected | deferred | conditionally-approved | signed | amended | revised | issued | waived. */
  readonly outcome: string;
  /** For acceptance decisions: provisional (PAC) or final (FAC); else null. */
  readonly stage: 'provisional' | 'final' | null;
  readonly subject: DecisionSubject;
  readonly programId: string;
  /** Null for a decision on a contract that names no project (an LD waiver). */
  readonly projectId: string | null;
  readonly contractId: string | null;
  /** The authenticated subject that took the decision, and the roles its token carried. */
  readonly decidedBy: string;
  readonly roles: readonly string[];
  /** The role the domain accepted the decision under, as the event carries it (null if none). */
  readonly authority: string | null;
  /** The approving change request, when the decision rests on one. */
  readonly changeRequestId: string | null;
  /** The customer's signature reference, when the decision rests on one. */
  readonly customerSignatureRef: string | null;
  /** The certificate issued, for acceptance certificates. */
  readonly certificateId: string | null;
  readonly reason: string | null;
  /** When the system recorded it, and the business time it took effect. */
  readonly recordedAt: string;
  readonly effectiveAt: string;
  /** The decision event's place in the log: the key to its inclusion proof (audit routes). */
  readonly logPosition: number;
  readonly eventType: string;
  readonly segregation: SegregationRecord;
}
