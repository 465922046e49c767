/**
 * The closed lists and value shapes an acceptance speaks in (DOMAIN.md "Acceptance"). Each list is
 * a value (for runtime checks of commands) and a type (for the compiler).
 */

/** What is accepted: telecom acceptance is per site, link, cluster, network or deliverable. */
export const ACCEPTANCE_OBJECT_KINDS = [
  'site',
  'link',
  'cluster',
  'network',
  'deliverable',
] as const;
export type AcceptanceObjectKind = (typeof ACCEPTANCE_OBJECT_KINDS)[number];

export interface AcceptanceObject {
  readonly kind: AcceptanceObjectKind;
  /** The object's id in the network inventory / delivery plan (site code, link id, ...). */
  readonly ref: string;
  readonly title: string;
}

export const ACCEPTANCE_TEST_RESULTS = ['passed', 'failed'] as const;
export type AcceptanceTestResult = (typeof ACCEPTANCE_TEST_RESULTS)[number];

/** A = blocking (no PAC while open), B = minor (listed on the PAC, cleared before FAC). */
export const PUNCH_ITEM_SEVERITIES = ['A', 'B'] as const;
export type PunchItemSeverity = (typeof PUNCH_ITEM_SEVERITIES)[number];

/** Which certificate fulfils the linked contract obligation. */
export const ACCEPTANCE_CERTIFICATES = ['pac', 'fac'] as const;
export type AcceptanceCertificate = (typeof ACCEPTANCE_CERTIFICATES)[number];

/**
 * The contract obligation an acceptance fulfils. By default the PAC fulfils it (the usual
 * acceptance milestone, with its LD); a warranty obligation is typically fulfilled by the FAC.
 */
export interface AcceptanceObligationLink {
  readonly contractId: string;
  readonly obligationId: string;
  readonly fulfilledBy: AcceptanceCertificate;
}

/** Warranty length when the command gives none: 12 months, the usual telecom warranty. */
export const DEFAULT_WARRANTY_MONTHS = 12;
export const MAX_WARRANTY_MONTHS = 120;

export interface PunchItemClearanceEvidence {
  readonly ref: string;
  readonly note: string | null;
}
