import type { CalendarDate } from '../shared';

/**
 * The closed lists and value shapes a contract speaks in (DOMAIN.md "Contract"). Each list is a
 * value (for runtime checks of commands) and a type (for the compiler).
 */

export const OBLIGATION_KINDS = [
  'milestone',
  'deliverable',
  'acceptance',
  'sla',
  'payment',
  'warranty',
] as const;
export type ObligationKind = (typeof OBLIGATION_KINDS)[number];

export const REMEDY_KINDS = ['liquidated-damages', 'service-credit'] as const;
export type RemedyKind = (typeof REMEDY_KINDS)[number];

/**
 * What proves an obligation was met. `acceptance-certificate` is the PAC/FAC of an acceptance
 * (its `ref` is the certificate id); the others are the usual contract evidence.
 */
export const OBLIGATION_EVIDENCE_KINDS = [
  'acceptance-certificate',
  'document',
  'customer-confirmation',
  'measurement-report',
  'payment-receipt',
] as const;
export type ObligationEvidenceKind = (typeof OBLIGATION_EVIDENCE_KINDS)[number];

/** An SLA-style obligation is measured over a window instead of being due on one day. */
export interface MeasurementWindow {
  readonly from: CalendarDate;
  readonly to: CalendarDate;
}

/**
 * The contractual remedy for a late obligation. Rates are percent of the contract value:
 * `ratePerWeekPct: 0.5` = 0.5 % per week late; `capPct: 10` = at most 10 % in total. At most four
 * decimals, so the arithmetic stays exact. `graceDays` are deducted before lateness counts.
 */
/**
 * When an obligation is due: on a day, or over a measurement window. Exactly one is set; the
 * other is null (JSON-safe and explicit for read models).
 */
export type ObligationDue =
  | { readonly dueOn: CalendarDate; readonly measurementWindow: null }
  | { readonly dueOn: null; readonly measurementWindow: MeasurementWindow };

/** The day an obligation is late after: its due date, or the end of its measurement window. */
export function obligationDeadline(due: ObligationDue): CalendarDate {
  return due.dueOn === null ? due.measurementWindow.to : due.dueOn;
}

export interface ObligationRemedy {
  readonly kind: RemedyKind;
  readonly ratePerWeekPct: number;
  readonly capPct: number;
  readonly graceDays: number;
}

export interface ObligationEvidence {
  readonly kind: ObligationEvidenceKind;
  readonly ref: string;
}

/** Obligations of this kind are met only by an acceptance certificate (PMO practice). */
export const KINDS_FULFILLED_ONLY_BY_CERTIFICATE: readonly ObligationKind[] = ['acceptance'];
