/** The one place a risk's stream name is made: `risk-<id>` (one stream per risk). */
export const RISK_STREAM_CATEGORY = 'risk';
export const riskStreamId = (riskId: string): string => `${RISK_STREAM_CATEGORY}-${riskId}`;
