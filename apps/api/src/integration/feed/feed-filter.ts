import { isPublicEventType, type PublicCloudEvent, type PublicEventType } from '@ledger/contracts';
import { canAccessProgram, type Principal } from '@ledger/runtime';
import type { TailSelection } from './feed-tail-batch';

/** A type or program in the feed's query is not one the caller may ask for (answered 400). */
export class InvalidFeedFilterError extends Error {
  override readonly name = 'InvalidFeedFilterError';
}

/**
 * Which public events one feed delivers: those of the caller's programs (its token's claim),
 * narrowed by `?type=` (repeatable or comma-separated public types) and `?programId=`.
 * The claim is not a filter the caller chooses: a token scoped to another program sees nothing.
 */
export class FeedFilter implements TailSelection {
  /**
   * Equal for two filters exactly when they accept the same messages (the claim's programs, the
   * types and the program asked for, in a canonical order): the live tail decides once per batch
   * for all the connections that share it (100 feed-fan-out clients, one key).
   */
  readonly key: string;

  private constructor(
    private readonly principal: Principal,
    private readonly types: ReadonlySet<PublicEventType> | undefined,
    private readonly programId: string | undefined,
  ) {
    this.key = JSON.stringify([
      principal.programs === '*' ? '*' : [...new Set(principal.programs)].sort(),
      types === undefined ? null : [...types].sort(),
      programId ?? null,
    ]);
  }

  static from(
    principal: Principal,
    type: string | readonly string[] | undefined,
    programId: string | undefined,
  ): FeedFilter {
    const names = (typeof type === 'string' ? [type] : (type ?? []))
      .flatMap((value) => value.split(','))
      .map((value) => value.trim())
      .filter((value) => value !== '');
    const unknown = names.filter((name) => !isPublicEventType(name));
    if (unknown.length > 0) {
      throw new InvalidFeedFilterError(
        `not public event types: ${unknown.slice(0, 5).join(', ')} (see /asyncapi.json)`,
      );
    }
    const program = programId?.trim() === '' ? undefined : programId?.trim();
    return new FeedFilter(
      principal,
      names.length === 0 ? undefined : new Set(names as PublicEventType[]),
      program,
    );
  }

  /** The program the query names, if any (the controller checks it against the claim). */
  get requestedProgram(): string | undefined {
    return this.programId;
  }

  accepts(event: PublicCloudEvent): boolean {
    if (!canAccessProgram(this.principal, event.programid)) return false;
    if (this.programId !== undefined && event.programid !== this.programId) return false;
    return this.types === undefined || this.types.has(event.type);
  }
}
