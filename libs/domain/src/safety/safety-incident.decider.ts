import { assertNever, isBlank, type Decider } from '../shared';
import { isLostTimeInjury, isRecordable } from './incident-classification';
import { SAFETY_ROLES, safetyAuthority } from './safety.authority';
import type {
  ClassifySafetyIncident,
  CloseSafetyIncident,
  InvestigateSafetyIncident,
  ReclassifySafetyIncident,
  RecordLostDays,
  ReportSafetyIncident,
  SafetyIncidentCommand,
} from './safety-incident.commands';
import { safetyIncidentErrors as errors } from './safety-incident.errors';
import type { SafetyIncidentEvent } from './safety-incident.events';
import {
  evolveSafetyIncident,
  initialSafetyIncidentState,
  isClassified,
  type ClassifiedIncident,
  type SafetyIncidentState,
} from './safety-incident.state';

type ExistingIncident = Exclude<SafetyIncidentState, { status: 'absent' }>;

/** An id: letters, digits and `._:-`, no spaces, so a name or a diagnosis cannot pass as one. */
const PERSON_REF = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

function requireExisting(state: SafetyIncidentState): ExistingIncident {
  if (state.status === 'absent') throw errors.notFound();
  return state;
}

function requireOpen(state: SafetyIncidentState): ExistingIncident {
  const incident = requireExisting(state);
  if (incident.status === 'closed') throw errors.closed(incident.incidentId);
  return incident;
}

/** Reclassification and lost days are late facts: they are taken after closing too. */
function requireClassified(incident: ExistingIncident): ClassifiedIncident {
  if (!isClassified(incident)) throw errors.notClassified();
  return incident;
}

const ref = ({ incidentId, projectId, siteId }: ExistingIncident) => ({
  incidentId,
  projectId,
  siteId,
});

function report(command: ReportSafetyIncident, state: SafetyIncidentState): SafetyIncidentEvent[] {
  if (state.status !== 'absent') throw errors.alreadyReported(state.incidentId);
  const authority = safetyAuthority(command.meta.actor, SAFETY_ROLES.report);
  const { incidentId, projectId, siteId, occurredAt, description, personRefs } = command.data;
  const occurred = Date.parse(occurredAt);
  if (!TIMESTAMP.test(occurredAt) || Number.isNaN(occurred))
    throw errors.invalidTimestamp(occurredAt);
  if (occurred > Date.parse(command.meta.now)) throw errors.inTheFuture(occurredAt);
  const notAnId = personRefs.findIndex((personRef) => !PERSON_REF.test(personRef));
  if (notAnId >= 0) throw errors.personRefNotAnId(notAnId);
  return [
    {
      type: 'SafetyIncidentReported',
      data: {
        incidentId,
        projectId,
        siteId,
        occurredAt,
        description,
        personRefs: [...personRefs],
        reportedBy: command.meta.actor.sub,
        authority,
      },
    },
  ];
}

function classify(
  command: ClassifySafetyIncident,
  state: SafetyIncidentState,
): SafetyIncidentEvent[] {
  const incident = requireOpen(state);
  if (isClassified(incident)) throw errors.alreadyClassified();
  const authority = safetyAuthority(command.meta.actor, SAFETY_ROLES.manage);
  const { classification } = command.data;
  return [
    {
      type: 'SafetyIncidentClassified',
      data: {
        ...ref(incident),
        classification,
        recordable: isRecordable(classification),
        lostTimeInjury: isLostTimeInjury(classification),
        classifiedBy: command.meta.actor.sub,
        authority,
      },
    },
  ];
}

function reclassify(
  command: ReclassifySafetyIncident,
  state: SafetyIncidentState,
): SafetyIncidentEvent[] {
  const incident = requireClassified(requireExisting(state));
  const { classification, reason } = command.data;
  if (classification === incident.classification) {
    throw errors.classificationUnchanged(classification);
  }
  if (isBlank(reason)) throw errors.reclassificationReasonRequired();
  const authority = safetyAuthority(command.meta.actor, SAFETY_ROLES.manage);
  return [
    {
      type: 'SafetyIncidentReclassified',
      data: {
        ...ref(incident),
        previousClassification: incident.classification,
        classification,
        recordable: isRecordable(classification),
        lostTimeInjury: isLostTimeInjury(classification),
        reason,
        reclassifiedBy: command.meta.actor.sub,
        authority,
      },
    },
  ];
}

function recordLostDays(
  command: RecordLostDays,
  state: SafetyIncidentState,
): SafetyIncidentEvent[] {
  const incident = requireClassified(requireExisting(state));
  const { lostDays, reason } = command.data;
  if (incident.classification !== 'lost-time-injury') {
    throw errors.lostDaysNeedLostTimeInjury(incident.classification);
  }
  if (!Number.isInteger(lostDays) || lostDays < 0) throw errors.lostDaysInvalid(lostDays);
  if (lostDays < incident.lostDays && isBlank(reason)) {
    throw errors.lostDaysReductionReasonRequired(incident.lostDays, lostDays);
  }
  const authority = safetyAuthority(command.meta.actor, SAFETY_ROLES.manage);
  return [
    {
      type: 'LostDaysRecorded',
      data: {
        ...ref(incident),
        lostDays,
        previousLostDays: incident.lostDays,
        reason,
        recordedBy: command.meta.actor.sub,
        authority,
      },
    },
  ];
}

function investigate(
  command: InvestigateSafetyIncident,
  state: SafetyIncidentState,
): SafetyIncidentEvent[] {
  const incident = requireClassified(requireOpen(state));
  if (incident.status === 'investigated') throw errors.alreadyInvestigated();
  const authority = safetyAuthority(command.meta.actor, SAFETY_ROLES.manage);
  const { findings, rootCauseRef } = command.data;
  return [
    {
      type: 'SafetyIncidentInvestigated',
      data: {
        ...ref(incident),
        findings,
        rootCauseRef,
        investigatedBy: command.meta.actor.sub,
        authority,
      },
    },
  ];
}

function close(command: CloseSafetyIncident, state: SafetyIncidentState): SafetyIncidentEvent[] {
  const incident = requireOpen(state);
  if (incident.status !== 'investigated') throw errors.notInvestigated();
  const authority = safetyAuthority(command.meta.actor, SAFETY_ROLES.manage);
  return [
    {
      type: 'SafetyIncidentClosed',
      data: {
        ...ref(incident),
        note: command.data.note,
        closedBy: command.meta.actor.sub,
        authority,
      },
    },
  ];
}

export function decideSafetyIncident(
  command: SafetyIncidentCommand,
  state: SafetyIncidentState,
): SafetyIncidentEvent[] {
  switch (command.type) {
    case 'ReportSafetyIncident':
      return report(command, state);
    case 'ClassifySafetyIncident':
      return classify(command, state);
    case 'ReclassifySafetyIncident':
      return reclassify(command, state);
    case 'RecordLostDays':
      return recordLostDays(command, state);
    case 'InvestigateSafetyIncident':
      return investigate(command, state);
    case 'CloseSafetyIncident':
      return close(command, state);
    default:
      return assertNever(command);
  }
}

export const safetyIncidentDecider: Decider<
  SafetyIncidentCommand,
  SafetyIncidentState,
  SafetyIncidentEvent
> = {
  initialState: initialSafetyIncidentState,
  evolve: evolveSafetyIncident,
  decide: decideSafetyIncident,
};
