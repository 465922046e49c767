import type { DomainEvent, Role } from '../shared';

/**
 * Hours worked on one site of a project in one calendar month (`periodId` = `YYYY-MM`). Whole
 * hours, like OSHA 300A's "total hours worked": sums stay exact and rates need no more precision.
 */
export type ExposureHoursRecorded = DomainEvent<
  'ExposureHoursRecorded',
  {
    readonly projectId: string;
    readonly entryId: string;
    readonly siteId: string;
    readonly periodId: string;
    readonly hours: number;
    readonly recordedBy: string;
    readonly authority: Role;
  }
>;
/** A correction is a new entry that names the one it replaces and why; nothing is edited. */
export type ExposureHoursCorrected = DomainEvent<
  'ExposureHoursCorrected',
  {
    readonly projectId: string;
    readonly entryId: string;
    readonly correctsEntryId: string;
    readonly siteId: string;
    readonly periodId: string;
    readonly previousHours: number;
    readonly hours: number;
    readonly reason: string;
    readonly correctedBy: string;
    readonly authority: Role;
  }
>;

export type ExposureHoursEvent = ExposureHoursRecorded | ExposureHoursCorrected;

/** Current schemaVersion of each event type (P6); bump it together with an upcaster. */
export const EXPOSURE_HOURS_EVENT_SCHEMA_VERSIONS = {
  ExposureHoursRecorded: 1,
  ExposureHoursCorrected: 1,
} as const satisfies Record<ExposureHoursEvent['type'], number>;
