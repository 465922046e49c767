import { assertNever, type SafetyIncidentEvent } from '@ledger/domain';
import type { PublicFact } from '../public-fact';

/**
 * Safety incident events → public facts: the report only, WITHOUT personal data. The internal
 * event names the people involved (`personRefs`), the reporter, and describes what happened in
 * free text that may name someone; the public fact carries none of these, only how many people
 * were involved. Classification and investigation stay internal.
 */
export function mapSafetyIncidentEvent(event: SafetyIncidentEvent): PublicFact | null {
  const { projectId, incidentId, siteId } = event.data;
  switch (event.type) {
    case 'SafetyIncidentReported':
      return {
        type: 'com.delivery-ledger.project.safety-incident-reported.v1',
        subject: `projects/${projectId}/incidents/${incidentId}`,
        owner: { kind: 'project', id: projectId },
        data: {
          projectId,
          incidentId,
          siteId,
          occurredAt: event.data.occurredAt,
          peopleInvolved: event.data.personRefs.length,
        },
      };
    case 'SafetyIncidentClassified':
    case 'SafetyIncidentReclassified':
    case 'LostDaysRecorded':
    case 'SafetyIncidentInvestigated':
    case 'SafetyIncidentClosed':
      return null;
    default:
      return assertNever(event);
  }
}
