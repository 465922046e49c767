/** The one place a complaint's stream name is made: `complaint-<id>`. */
export const COMPLAINT_STREAM_CATEGORY = 'complaint';
export const complaintStreamId = (complaintId: string): string =>
  `${COMPLAINT_STREAM_CATEGORY}-${complaintId}`;
