/** The one place a contract's stream name is made: `contract-<id>`. */
export const CONTRACT_STREAM_CATEGORY = 'contract';
export const contractStreamId = (contractId: string): string =>
  `${CONTRACT_STREAM_CATEGORY}-${contractId}`;
