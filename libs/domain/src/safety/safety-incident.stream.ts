/** The one place a safety incident's stream name is made: `incident-<id>`. */
export const SAFETY_INCIDENT_STREAM_CATEGORY = 'incident';
export const safetyIncidentStreamId = (incidentId: string): string =>
  `${SAFETY_INCIDENT_STREAM_CATEGORY}-${incidentId}`;
