/** The one place a corrective action's stream name is made: `capa-<id>`. */
export const CAPA_STREAM_CATEGORY = 'capa';
export const capaStreamId = (capaId: string): string => `${CAPA_STREAM_CATEGORY}-${capaId}`;
