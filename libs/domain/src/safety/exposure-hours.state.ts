import { assertNever } from '../shared';
import type { ExposureHoursEvent } from './exposure-hours.events';

export interface ExposureEntry {
  readonly entryId: string;
  readonly siteId: string;
  readonly periodId: string;
  readonly hours: number;
  /** The entry that corrected this one, if any; the current entry of a period has null. */
  readonly supersededBy: string | null;
}

/** Every entry ever recorded for the project, corrected ones included. */
export type ExposureHoursState =
  | { readonly status: 'empty' }
  | {
      readonly status: 'recording';
      readonly projectId: string;
      readonly entries: readonly ExposureEntry[];
    };

export const initialExposureHoursState: ExposureHoursState = { status: 'empty' };

/** The entry that currently stands for a site and period. */
export function currentExposureEntry(
  state: ExposureHoursState,
  siteId: string,
  periodId: string,
): ExposureEntry | undefined {
  if (state.status === 'empty') return undefined;
  return state.entries.find(
    (entry) =>
      entry.siteId === siteId && entry.periodId === periodId && entry.supersededBy === null,
  );
}

export function evolveExposureHours(
  state: ExposureHoursState,
  event: ExposureHoursEvent,
): ExposureHoursState {
  const entries = state.status === 'empty' ? [] : state.entries;
  const { projectId, entryId, siteId, periodId, hours } = event.data;
  const added: ExposureEntry = { entryId, siteId, periodId, hours, supersededBy: null };
  switch (event.type) {
    case 'ExposureHoursRecorded':
      return { status: 'recording', projectId, entries: [...entries, added] };
    case 'ExposureHoursCorrected':
      return {
        status: 'recording',
        projectId,
        entries: [
          ...entries.map((entry) =>
            entry.entryId === event.data.correctsEntryId
              ? { ...entry, supersededBy: entryId }
              : entry,
          ),
          added,
        ],
      };
    default:
      return assertNever(event);
  }
}
