/** The values that occur more than once, each listed once, in the order their repeats appear. */
export function duplicatesIn(values: readonly string[]): string[] {
  const seen = new Set<string>();
  const duplicates = new Set<string>();
  for (const value of values) (seen.has(value) ? duplicates : seen).add(value);
  return [...duplicates];
}
