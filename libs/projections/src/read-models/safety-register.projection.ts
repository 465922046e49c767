import type { RecordedEvent } from '@ledger/event-store';
import type { ReadDocument } from '@ledger/read-store';
import type { Projection } from '../projection';
import { type EventData, idFrom, str } from './event-data';

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

const HANDLED = [
  'SafetyIncidentReported',
  'SafetyIncidentClassified',
  'SafetyIncidentReclassified',
  'LostDaysRecorded',
  'SafetyIncidentInvestigated',
  'SafetyIncidentClosed',
  'ExposureHoursRecorded',
  'ExposureHoursCorrected',
] as const;

function withIncident(
  register: SafetyRegister,
  incidentId: unknown,
  change: (incident: SafetyRegisterIncident) => SafetyRegisterIncident,
): SafetyRegister {
  return {
    ...register,
    incidents: register.incidents.map((incident) =>
      incident.incidentId === incidentId ? change(incident) : incident,
    ),
  };
}

const exposureOf = (data: EventData): SafetyRegisterExposure => ({
  entryId: str(data, 'entryId'),
  siteId: str(data, 'siteId'),
  periodId: str(data, 'periodId'),
  hours: Number(data['hours']),
});

function emptyRegister(event: RecordedEvent, projectId: string): SafetyRegister {
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
export const safetyRegisterProjection: Projection<SafetyRegister> = {
  name: 'safety-register',
  collection: SAFETY_REGISTER,
  handles: HANDLED,

  documentId(event: RecordedEvent): string | null {
    return idFrom(event, 'projectId');
  },

  apply(document: SafetyRegister | null, event: RecordedEvent): SafetyRegister | null {
    // P5: an event at or below the document's position was folded in already.
    if (document && event.position <= document.position) return document;
    const data = event.data as EventData;
    const at = event.metadata.effectiveAt;
    // Only a first incident or a first exposure entry creates the register.
    const creates =
      event.type === 'SafetyIncidentReported' || event.type === 'ExposureHoursRecorded';
    if (!document && !creates) return null;
    const register: SafetyRegister = {
      ...(document ?? emptyRegister(event, str(data, 'projectId'))),
      lastEventAt: at,
    };
    const incidentId = data['incidentId'];
    const known = register.incidents.some((incident) => incident.incidentId === incidentId);
    // An event of an incident the register never saw reported changes nothing.
    if (typeof incidentId === 'string' && event.type !== 'SafetyIncidentReported' && !known) {
      return document;
    }
    switch (event.type) {
      case 'SafetyIncidentReported': {
        if (known) return document;
        const incident: SafetyRegisterIncident = {
          incidentId: str(data, 'incidentId'),
          siteId: str(data, 'siteId'),
          occurredAt: str(data, 'occurredAt'),
          reportedAt: at,
          description: str(data, 'description'),
          peopleInvolved: ((data['personRefs'] as readonly unknown[] | undefined) ?? []).length,
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
          const classification = str(data, 'classification');
          return {
            ...incident,
            status: incident.status === 'reported' ? 'classified' : incident.status,
            classification,
            originalClassification: incident.originalClassification ?? classification,
            recordable: data['recordable'] === true,
            lostTimeInjury: data['lostTimeInjury'] === true,
          };
        });
      case 'SafetyIncidentReclassified':
        return withIncident(register, incidentId, (incident) => ({
          ...incident,
          classification: str(data, 'classification'),
          originalClassification:
            incident.originalClassification ?? str(data, 'previousClassification'),
          recordable: data['recordable'] === true,
          lostTimeInjury: data['lostTimeInjury'] === true,
          reclassifications: [
            ...incident.reclassifications,
            {
              from: str(data, 'previousClassification'),
              to: str(data, 'classification'),
              reason: str(data, 'reason'),
              by: str(data, 'reclassifiedBy'),
              at,
            },
          ],
        }));
      case 'LostDaysRecorded':
        return withIncident(register, incidentId, (incident) => ({
          ...incident,
          lostDays: Number(data['lostDays']),
        }));
      case 'SafetyIncidentInvestigated':
        return withIncident(register, incidentId, (incident) => ({
          ...incident,
          status: incident.status === 'closed' ? 'closed' : 'investigated',
          investigatedAt: at,
          rootCauseRef: typeof data['rootCauseRef'] === 'string' ? data['rootCauseRef'] : null,
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
        const corrected = data['correctsEntryId'];
        return {
          ...register,
          exposure: [...register.exposure.filter((given) => given.entryId !== corrected), entry],
        };
      }
      default:
        return document;
    }
  },
};
