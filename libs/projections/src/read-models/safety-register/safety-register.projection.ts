import { assertNever, type SafetyIncidentEvent, type ExposureHoursEvent } from '@ledger/domain';
import type { ReadDocument } from '@ledger/read-store';
import type { Projection } from '../../projection';
import { defineProjection, type ProjectedEvent } from '../../typed-projection';

export const SAFETY_REGISTER = 'safety_register';

export type SafetyIncidentRegisterStatus = 'reported' | 'classified' | 'investigated' | 'closed';

/**
 * One incident as the register shows it. People are counted, not named (the events hold ids
 * only, and the register does not repeat them); there is no medical detail in the events.
 */
export interface SafetyRegisterIncident {
  readonly incidentId: string;
  readonly siteId: string;
  /** As reported, with its offset. */
  readonly occurredAt: string;
  readonly reportedAt: string;
  /** What happened (the event, not anyone's injury). */
  readonly description: string;
  readonly peopleInvolved: number;
  readonly status: SafetyIncidentRegisterStatus;
  /** The current classification: a reclassified incident counts under its new class. */
  readonly classification: string | null;
  /** The first classification, kept through reclassifications. */
  readonly originalClassification: string | null;
  readonly reclassifications: readonly {
    readonly from: string;
    readonly to: string;
    readonly reason: string;
    readonly by: string;
    readonly at: string;
  }[];
  readonly recordable: boolean;
  readonly lostTimeInjury: boolean;
  /** Total calendar days lost to date (the latest figure recorded). */
  readonly lostDays: number;
  readonly investigatedAt: string | null;
  readonly rootCauseRef: string | null;
  readonly closedAt: string | null;
}

/** The exposure entry that currently stands for a site and period (corrected ones are gone). */
export interface SafetyRegisterExposure {
  readonly entryId: string;
  readonly siteId: string;
  /** `YYYY-MM`. */
  readonly periodId: string;
  readonly hours: number;
}

/**
 * One document per project (`_id` = projectId) in `safety_register`, from the project's incident
 * streams and its exposure-hours stream: the incidents and the current exposure entries. Rates
 * are not stored: they are computed per query (safety-register.figures.ts) for any period.
 */
export interface SafetyRegister extends ReadDocument {
  readonly projectId: string;
  readonly incidents: readonly SafetyRegisterIncident[];
  readonly exposure: readonly SafetyRegisterExposure[];
  readonly lastEventAt: string;
}

function withIncident(
  register: SafetyRegister,
  incidentId: string | undefined,
  change: (incident: SafetyRegisterIncident) => SafetyRegisterIncident,
): SafetyRegister {
  return {
    ...register,
    incidents: register.incidents.map((incident) =>
      incident.incidentId === incidentId ? change(incident) : incident,
    ),
  };
}

const exposureOf = (data: ExposureHoursEvent['data']): SafetyRegisterExposure => ({
  entryId: data.entryId,
  siteId: data.siteId,
  periodId: data.periodId,
  hours: Number(data.hours),
});

function emptyRegister(
  event: ProjectedEvent<SafetyIncidentEvent | ExposureHoursEvent>,
  projectId: string,
): SafetyRegister {
  return {
    _id: projectId,
    position: event.position,
    projectId,
    incidents: [],
    exposure: [],
    lastEventAt: event.metadata.effectiveAt,
  };
}

/** H&S register (issue 4, DOMAIN.md read model 6): one document per project. */
export const safetyRegisterProjection: Projection<SafetyRegister> = defineProjection<
  SafetyIncidentEvent | ExposureHoursEvent,
  SafetyRegister
>({
  name: 'safety-register',
  collection: SAFETY_REGISTER,
  handles: {
    SafetyIncidentReported: true,
    SafetyIncidentClassified: true,
    SafetyIncidentReclassified: true,
    LostDaysRecorded: true,
    SafetyIncidentInvestigated: true,
    SafetyIncidentClosed: true,
    ExposureHoursRecorded: true,
    ExposureHoursCorrected: true,
  },

  documentId(event: ProjectedEvent<SafetyIncidentEvent | ExposureHoursEvent>): string | null {
    return event.data.projectId || null;
  },

  apply(
    document: SafetyRegister | null,
    event: ProjectedEvent<SafetyIncidentEvent | ExposureHoursEvent>,
  ): SafetyRegister | null {
    // P5: an event at or below the document's position was folded in already.
    if (document && event.position <= document.position) return document;
    const { type, data } = event;
    const at = event.metadata.effectiveAt;
    // Only a first incident or a first exposure entry creates the register.
    const creates = type === 'SafetyIncidentReported' || type === 'ExposureHoursRecorded';
    if (!document && !creates) return null;
    const register: SafetyRegister = {
      ...(document ?? emptyRegister(event, data.projectId)),
      lastEventAt: at,
    };
    // Exposure entries belong to no incident.
    const incidentId = 'incidentId' in data ? data.incidentId : undefined;
    const known = register.incidents.some((incident) => incident.incidentId === incidentId);
    // An event of an incident the register never saw reported changes nothing.
    if (typeof incidentId === 'string' && type !== 'SafetyIncidentReported' && !known) {
      return document;
    }
    switch (type) {
      case 'SafetyIncidentReported': {
        if (known) return document;
        const incident: SafetyRegisterIncident = {
          incidentId: data.incidentId,
          siteId: data.siteId,
          occurredAt: data.occurredAt,
          reportedAt: at,
          description: data.description,
          peopleInvolved: (data.personRefs ?? []).length,
          status: 'reported',
          classification: null,
          originalClassification: null,
          reclassifications: [],
          recordable: false,
          lostTimeInjury: false,
          lostDays: 0,
          investigatedAt: null,
          rootCauseRef: null,
          closedAt: null,
        };
        return { ...register, incidents: [...register.incidents, incident] };
      }
      case 'SafetyIncidentClassified':
        return withIncident(register, incidentId, (incident) => {
          const classification = data.classification;
          return {
            ...incident,
            status: incident.status === 'reported' ? 'classified' : incident.status,
            classification,
            originalClassification: incident.originalClassification ?? classification,
            recordable: data.recordable === true,
            lostTimeInjury: data.lostTimeInjury === true,
          };
        });
      case 'SafetyIncidentReclassified':
        return withIncident(register, incidentId, (incident) => ({
          ...incident,
          classification: data.classification,
          originalClassification: incident.originalClassification ?? data.previousClassification,
          recordable: data.recordable === true,
          lostTimeInjury: data.lostTimeInjury === true,
          reclassifications: [
            ...incident.reclassifications,
            {
              from: data.previousClassification,
              to: data.classification,
              reason: data.reason,
              by: data.reclassifiedBy,
              at,
            },
          ],
        }));
      case 'LostDaysRecorded':
        return withIncident(register, incidentId, (incident) => ({
          ...incident,
          lostDays: Number(data.lostDays),
        }));
      case 'SafetyIncidentInvestigated':
        return withIncident(register, incidentId, (incident) => ({
          ...incident,
          status: incident.status === 'closed' ? 'closed' : 'investigated',
          investigatedAt: at,
          rootCauseRef: typeof data.rootCauseRef === 'string' ? data.rootCauseRef : null,
        }));
      case 'SafetyIncidentClosed':
        return withIncident(register, incidentId, (incident) => ({
          ...incident,
          status: 'closed',
          closedAt: at,
        }));
      case 'ExposureHoursRecorded': {
        const entry = exposureOf(data);
        if (register.exposure.some((given) => given.entryId === entry.entryId)) return document;
        return { ...register, exposure: [...register.exposure, entry] };
      }
      case 'ExposureHoursCorrected': {
        const entry = exposureOf(data);
        if (register.exposure.some((given) => given.entryId === entry.entryId)) return document;
        const corrected = data.correctsEntryId;
        return {
          ...register,
          exposure: [...register.exposure.filter((given) => given.entryId !== corrected), entry],
        };
      }
      default:
        return assertNever(type);
    }
  },
});
