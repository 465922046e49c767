import { assertNever, DomainError, isBlank, type Command, type Decider } from '../shared';
import type { ExposureHoursEvent } from './exposure-hours.events';
import { SAFETY_ROLES, safetyAuthority } from './safety.authority';

/*
 * The exposure-hours aggregate's decider in one file, the template for a small aggregate: what
 * it is asked (commands), what it knows (state folded from its events), what it refuses
 * (errors) and what it decides. Its events have their own file (projections and the public
 * contract read them); its stream id and definition are in exposure-hours.definition.ts.
 */

// What it is asked.
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

// What it knows: every entry ever recorded for the project.
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

// What it refuses.
export const exposureHoursErrors = {
  projectMismatch: (streamProjectId: string, projectId: string) =>
    new DomainError(
      'exposure-project-mismatch',
      `these exposure hours belong to project ${streamProjectId}, not ${projectId}`,
    ),
  hoursInvalid: (hours: number) =>
    new DomainError(
      'exposure-hours-invalid',
      `exposure hours are a whole number ≥ 0, got ${hours}`,
    ),
  periodInvalid: (periodId: string) =>
    new DomainError(
      'exposure-period-invalid',
      `a period is a calendar month YYYY-MM, got ${periodId}`,
    ),
  periodInTheFuture: (periodId: string) =>
    new DomainError(
      'exposure-period-in-the-future',
      `hours cannot be recorded for ${periodId}, which has not started`,
    ),
  entryAlreadyExists: (entryId: string) =>
    new DomainError('exposure-entry-already-exists', `entry ${entryId} already exists`, 'conflict'),
  periodAlreadyRecorded: (siteId: string, periodId: string, entryId: string) =>
    new DomainError(
      'exposure-period-already-recorded',
      `hours for site ${siteId} in ${periodId} are recorded (entry ${entryId}); correct that entry instead`,
      'conflict',
      { entryId },
    ),
  entryNotFound: (entryId: string) =>
    new DomainError('exposure-entry-not-found', `no exposure entry ${entryId}`, 'not-found'),
  entrySuperseded: (entryId: string, currentEntryId: string) =>
    new DomainError(
      'exposure-entry-superseded',
      `entry ${entryId} was already corrected; correct the current entry ${currentEntryId}`,
      'conflict',
      { currentEntryId },
    ),
  correctionReasonRequired: () =>
    new DomainError('correction-reason-required', 'a correction names its reason'),
  correctionUnchanged: (hours: number) =>
    new DomainError(
      'exposure-correction-unchanged',
      `the entry already records ${hours} hours`,
      'conflict',
    ),
};

// What it decides.
const PERIOD = /^\d{4}-(0[1-9]|1[0-2])$/;

function requireProject(state: ExposureHoursState, projectId: string): void {
  if (state.status === 'recording' && state.projectId !== projectId) {
    throw exposureHoursErrors.projectMismatch(state.projectId, projectId);
  }
}

function requireHours(hours: number): number {
  if (!Number.isInteger(hours) || hours < 0) throw exposureHoursErrors.hoursInvalid(hours);
  return hours;
}

function requireNewEntryId(state: ExposureHoursState, entryId: string): void {
  if (state.status === 'recording' && state.entries.some((entry) => entry.entryId === entryId)) {
    throw exposureHoursErrors.entryAlreadyExists(entryId);
  }
}

function record(command: RecordExposureHours, state: ExposureHoursState): ExposureHoursEvent[] {
  const authority = safetyAuthority(command.meta.actor, SAFETY_ROLES.exposure);
  const { projectId, entryId, siteId, periodId, hours } = command.data;
  requireProject(state, projectId);
  requireHours(hours);
  if (!PERIOD.test(periodId)) throw exposureHoursErrors.periodInvalid(periodId);
  if (periodId > command.meta.now.slice(0, 7))
    throw exposureHoursErrors.periodInTheFuture(periodId);
  requireNewEntryId(state, entryId);
  const current = currentExposureEntry(state, siteId, periodId);
  if (current) throw exposureHoursErrors.periodAlreadyRecorded(siteId, periodId, current.entryId);
  return [
    {
      type: 'ExposureHoursRecorded',
      data: {
        projectId,
        entryId,
        siteId,
        periodId,
        hours,
        recordedBy: command.meta.actor.sub,
        authority,
      },
    },
  ];
}

function correct(command: CorrectExposureHours, state: ExposureHoursState): ExposureHoursEvent[] {
  const authority = safetyAuthority(command.meta.actor, SAFETY_ROLES.exposure);
  const { projectId, entryId, correctsEntryId, hours, reason } = command.data;
  requireProject(state, projectId);
  const corrected =
    state.status === 'recording'
      ? state.entries.find((entry) => entry.entryId === correctsEntryId)
      : undefined;
  if (corrected === undefined) throw exposureHoursErrors.entryNotFound(correctsEntryId);
  const { siteId, periodId } = corrected;
  if (corrected.supersededBy !== null) {
    const current = currentExposureEntry(state, siteId, periodId);
    throw exposureHoursErrors.entrySuperseded(
      correctsEntryId,
      current?.entryId ?? corrected.supersededBy,
    );
  }
  requireNewEntryId(state, entryId);
  if (isBlank(reason)) throw exposureHoursErrors.correctionReasonRequired();
  requireHours(hours);
  if (hours === corrected.hours) throw exposureHoursErrors.correctionUnchanged(hours);
  return [
    {
      type: 'ExposureHoursCorrected',
      data: {
        projectId,
        entryId,
        correctsEntryId,
        siteId,
        periodId,
        previousHours: corrected.hours,
        hours,
        reason,
        correctedBy: command.meta.actor.sub,
        authority,
      },
    },
  ];
}

export function decideExposureHours(
  command: ExposureHoursCommand,
  state: ExposureHoursState,
): ExposureHoursEvent[] {
  switch (command.type) {
    case 'RecordExposureHours':
      return record(command, state);
    case 'CorrectExposureHours':
      return correct(command, state);
    default:
      return assertNever(command);
  }
}

export const exposureHoursDecider: Decider<
  ExposureHoursCommand,
  ExposureHoursState,
  ExposureHoursEvent
> = {
  initialState: initialExposureHoursState,
  evolve: evolveExposureHours,
  decide: decideExposureHours,
};
