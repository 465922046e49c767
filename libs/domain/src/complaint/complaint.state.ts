import { assertNever } from '../shared';
import type { ComplaintEvent, ComplaintPriority, ComplaintSeverity } from './complaint.events';

export interface ComplaintAssessment {
  readonly severity: ComplaintSeverity;
  readonly priority: ComplaintPriority;
  readonly assessedOn: string;
  readonly dueOn: string;
}

interface ComplaintFacts {
  readonly complaintId: string;
  readonly projectId: string;
  readonly receivedOn: string;
  readonly hsRelated: boolean;
  readonly capaIds: readonly string[];
  readonly reopenCount: number;
}

/**
 * received → acknowledged → investigating (assessed, awaiting findings) → investigated →
 * responded → closed; a reopened complaint goes back to investigating. Only an assessed complaint
 * has an assessment, so the type cannot hold an unassessed complaint under investigation.
 */
export type ComplaintState =
  | { readonly status: 'absent' }
  | (ComplaintFacts & { readonly status: 'received' | 'acknowledged' })
  | (ComplaintFacts & {
      readonly status: 'investigating' | 'investigated' | 'responded' | 'closed';
      readonly assessment: ComplaintAssessment;
    });

export type AssessedComplaint = Extract<ComplaintState, { assessment: ComplaintAssessment }>;

export const initialComplaintState: ComplaintState = { status: 'absent' };

export function isAssessed(state: ComplaintState): state is AssessedComplaint {
  return 'assessment' in state;
}

export function evolveComplaint(state: ComplaintState, event: ComplaintEvent): ComplaintState {
  switch (event.type) {
    case 'ComplaintReceived':
      return {
        status: 'received',
        complaintId: event.data.complaintId,
        projectId: event.data.projectId,
        receivedOn: event.data.receivedOn,
        hsRelated: event.data.hsRelated,
        capaIds: [],
        reopenCount: 0,
      };
    case 'ComplaintAcknowledged':
      return state.status === 'received' ? { ...state, status: 'acknowledged' } : state;
    case 'ComplaintAssessed': {
      if (state.status === 'absent') return state;
      const { severity, priority, assessedOn, dueOn } = event.data;
      return {
        ...state,
        status: 'investigating',
        assessment: { severity, priority, assessedOn, dueOn },
      };
    }
    case 'ComplaintInvestigated':
      return isAssessed(state) ? { ...state, status: 'investigated' } : state;
    case 'ComplaintResponded':
      return isAssessed(state) ? { ...state, status: 'responded' } : state;
    case 'ComplaintClosed':
      return isAssessed(state) ? { ...state, status: 'closed' } : state;
    case 'ComplaintReopened':
      return isAssessed(state)
        ? { ...state, status: 'investigating', reopenCount: state.reopenCount + 1 }
        : state;
    case 'ComplaintLinkedToCorrectiveAction':
      if (state.status === 'absent') return state;
      return { ...state, capaIds: [...state.capaIds, event.data.capaId] };
    default:
      return assertNever(event);
  }
}
