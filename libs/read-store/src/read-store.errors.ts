/** A collection the call needs does not exist (renameCollection's source). */
export class CollectionNotFoundError extends Error {
  override readonly name = 'CollectionNotFoundError';
  constructor(readonly collection: string) {
    super(`read-store collection "${collection}" does not exist`);
  }
}
