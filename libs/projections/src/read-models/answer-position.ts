/**
 * The position a read answer states (also in X-Read-Position): the one the api served, raised to
 * the newest document the answer was built from, so a client that writes next and reads again
 * with that position never sees less than it was shown.
 *
 * A loop, not `Math.max(served, ...positions)`: spreading an array passes each element as an
 * argument, and past ~100k documents that overflows the call stack (RangeError).
 */
export function answerPosition(
  served: number,
  documents: readonly { readonly position: number }[],
): number {
  let newest = served;
  for (const document of documents) {
    if (document.position > newest) newest = document.position;
  }
  return newest;
}
