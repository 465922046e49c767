/**
 * The read store does not answer (MongoDB unreachable past the driver's server-selection wait,
 * or the connection dropped). Queries answer 503 with Retry-After, not 500: the data is intact
 * and the caller should retry, while the projection engine waits the outage out.
 */
export class ReadStoreUnavailableError extends Error {
  override readonly name = 'ReadStoreUnavailableError';
  constructor(cause: unknown) {
    super(
      `the read store does not answer: ${cause instanceof Error ? cause.message : String(cause)}`,
      { cause },
    );
  }
}

/** A collection the call needs does not exist (renameCollection's source). */
export class CollectionNotFoundError extends Error {
  override readonly name = 'CollectionNotFoundError';
  constructor(readonly collection: string) {
    super(`read-store collection "${collection}" does not exist`);
  }
}

/**
 * MongoDB stores at most 16 MiB per document (BSON), and both adapters refuse more, before
 * writing anything of the batch, so a read model that outgrows the limit fails the same way on
 * the embedded store as in production (the projection engine then stops on it: a read model
 * that needs a bigger document needs a different shape, see the README).
 */
export const MAX_DOCUMENT_BYTES = 16 * 1024 * 1024;

export class DocumentTooLargeError extends Error {
  override readonly name = 'DocumentTooLargeError';
  constructor(
    readonly collection: string,
    readonly documentId: string,
    readonly bytes: number,
  ) {
    super(
      `read-store document "${documentId}" of "${collection}" is ${bytes} bytes; ` +
        `the limit is ${MAX_DOCUMENT_BYTES} (MongoDB's 16 MiB per document)`,
    );
  }
}
