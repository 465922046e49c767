import { assertNever, isBlank, type Decider } from '../shared';
import { SAFETY_ROLES, safetyAuthority } from './safety.authority';
import type {
  CorrectExposureHours,
  ExposureHoursCommand,
  RecordExposureHours,
} from './exposure-hours.commands';
import { exposureHoursErrors as errors } from './exposure-hours.errors';
import type { ExposureHoursEvent } from './exposure-hours.events';
import {
  currentExposureEntry,
  evolveExposureHours,
  initialExposureHoursState,
  type ExposureHoursState,
} from './exposure-hours.state';

const PERIOD = /^\d{4}-(0[1-9]|1[0-2])$/;

function requireProject(state: ExposureHoursState, projectId: string): void {
  if (state.status === 'recording' && state.projectId !== projectId) {
    throw errors.projectMismatch(state.projectId, projectId);
  }
}

function requireHours(hours: number): number {
  if (!Number.isInteger(hours) || hours < 0) throw errors.hoursInvalid(hours);
  return hours;
}

function requireNewEntryId(state: ExposureHoursState, entryId: string): void {
  if (state.status === 'recording' && state.entries.some((entry) => entry.entryId === entryId)) {
    throw errors.entryAlreadyExists(entryId);
  }
}

function record(command: RecordExposureHours, state: ExposureHoursState): ExposureHoursEvent[] {
  const authority = safetyAuthority(command.meta.actor, SAFETY_ROLES.exposure);
  const { projectId, entryId, siteId, periodId, hours } = command.data;
  requireProject(state, projectId);
  requireHours(hours);
  if (!PERIOD.test(periodId)) throw errors.periodInvalid(periodId);
  if (periodId > command.meta.now.slice(0, 7)) throw errors.periodInTheFuture(periodId);
  requireNewEntryId(state, entryId);
  const current = currentExposureEntry(state, siteId, periodId);
  if (current) throw errors.periodAlreadyRecorded(siteId, periodId, current.entryId);
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
  if (corrected === undefined) throw errors.entryNotFound(correctsEntryId);
  const { siteId, periodId } = corrected;
  if (corrected.supersededBy !== null) {
    const current = currentExposureEntry(state, siteId, periodId);
    throw errors.entrySuperseded(correctsEntryId, current?.entryId ?? corrected.supersededBy);
  }
  requireNewEntryId(state, entryId);
  if (isBlank(reason)) throw errors.correctionReasonRequired();
  requireHours(hours);
  if (hours === corrected.hours) throw errors.correctionUnchanged(hours);
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
