import type { Command } from '../shared';
import type { IncidentClassification } from './incident-classification';

/** Deliberately no injury or medical field: people are referenced by id only. */
export type ReportSafetyIncident = Command<
  'ReportSafetyIncident',
  {
    readonly incidentId: string;
    readonly projectId: string;
    readonly siteId: string;
    readonly occurredAt: string;
    readonly description: string;
    readonly personRefs: readonly string[];
  }
>;
export type ClassifySafetyIncident = Command<
  'ClassifySafetyIncident',
  { readonly classification: IncidentClassification }
>;
export type ReclassifySafetyIncident = Command<
  'ReclassifySafetyIncident',
  { readonly classification: IncidentClassification; readonly reason: string }
>;
export type RecordLostDays = Command<
  'RecordLostDays',
  { readonly lostDays: number; readonly reason: string | null }
>;
export type InvestigateSafetyIncident = Command<
  'InvestigateSafetyIncident',
  { readonly findings: string; readonly rootCauseRef: string | null }
>;
export type CloseSafetyIncident = Command<'CloseSafetyIncident', { readonly note: string | null }>;

export type SafetyIncidentCommand =
  | ReportSafetyIncident
  | ClassifySafetyIncident
  | ReclassifySafetyIncident
  | RecordLostDays
  | InvestigateSafetyIncident
  | CloseSafetyIncident;
