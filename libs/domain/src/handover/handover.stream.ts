/** The one place a handover's stream name is made: `handover-<id>`. */
export const HANDOVER_STREAM_CATEGORY = 'handover';
export const handoverStreamId = (handoverId: string): string =>
  `${HANDOVER_STREAM_CATEGORY}-${handoverId}`;
