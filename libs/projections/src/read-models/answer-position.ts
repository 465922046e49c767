/**
 * The position a read answer states (also in X-Read-Position): the one the api served, raised to
 * the newest document the answer was built from, so a client that writes next and reads again
 * with that position never sees less than it was shown.
 */
export function answerPosition(
  served: number,
  documents: readonly { readonly position: number }[],
): number {
  return Math.max(served, ...documents.map((document) => document.position));
}
