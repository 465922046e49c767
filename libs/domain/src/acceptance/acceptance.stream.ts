/** The one place an acceptance's stream name is made: `acceptance-<id>`. */
export const ACCEPTANCE_STREAM_CATEGORY = 'acceptance';
export const acceptanceStreamId = (acceptanceId: string): string =>
  `${ACCEPTANCE_STREAM_CATEGORY}-${acceptanceId}`;
