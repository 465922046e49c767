import { assertNever } from '../shared';
import type { IncidentClassification } from './incident-classification';
import type { SafetyIncidentEvent } from './safety-incident.events';

interface IncidentFacts {
  readonly incidentId: string;
  readonly projectId: string;
  readonly siteId: string;
  readonly occurredAt: string;
}

/**
 * reported → classified → investigated → closed. Only a classified incident has a
 * classification; the first one is kept as `originalClassification` through reclassifications.
 */
export type SafetyIncidentState =
  | { readonly status: 'absent' }
  | (IncidentFacts & { readonly status: 'reported' })
  | (IncidentFacts & {
      readonly status: 'classified' | 'investigated' | 'closed';
      readonly classification: IncidentClassification;
      readonly originalClassification: IncidentClassification;
      readonly lostDays: number;
    });

export type ClassifiedIncident = Extract<SafetyIncidentState, { classification: unknown }>;

export const initialSafetyIncidentState: SafetyIncidentState = { status: 'absent' };

export function isClassified(state: SafetyIncidentState): state is ClassifiedIncident {
  return 'classification' in state;
}

export function evolveSafetyIncident(
  state: SafetyIncidentState,
  event: SafetyIncidentEvent,
): SafetyIncidentState {
  switch (event.type) {
    case 'SafetyIncidentReported': {
      const { incidentId, projectId, siteId, occurredAt } = event.data;
      return { status: 'reported', incidentId, projectId, siteId, occurredAt };
    }
    case 'SafetyIncidentClassified': {
      if (state.status !== 'reported') return state;
      const { classification } = event.data;
      return {
        ...state,
        status: 'classified',
        classification,
        originalClassification: classification,
        lostDays: 0,
      };
    }
    case 'SafetyIncidentReclassified':
      return isClassified(state) ? { ...state, classification: event.data.classification } : state;
    case 'LostDaysRecorded':
      return isClassified(state) ? { ...state, lostDays: event.data.lostDays } : state;
    case 'SafetyIncidentInvestigated':
      return isClassified(state) ? { ...state, status: 'investigated' } : state;
    case 'SafetyIncidentClosed':
      return isClassified(state) ? { ...state, status: 'closed' } : state;
    default:
      return assertNever(event);
  }
}
