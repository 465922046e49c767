import type { Command } from '../shared';

export type RecordExposureHours = Command<
  'RecordExposureHours',
  {
    readonly projectId: string;
    /** Id of the new entry (made by the caller). */
    readonly entryId: string;
    readonly siteId: string;
    readonly periodId: string;
    readonly hours: number;
  }
>;
export type CorrectExposureHours = Command<
  'CorrectExposureHours',
  {
    readonly projectId: string;
    /** Id of the correcting entry (made by the caller). */
    readonly entryId: string;
    /** The entry being corrected: the current one for its site and period. */
    readonly correctsEntryId: string;
    readonly hours: number;
    readonly reason: string;
  }
>;

export type ExposureHoursCommand = RecordExposureHours | CorrectExposureHours;
