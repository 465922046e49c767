import type { Actor, Command, CommandMeta } from '@ledger/domain';

/** A command's meta in a spec: `actor` decides at `at`, and the facts are effective from then. */
export const metaAt = (actor: Actor, at: string): CommandMeta => ({
  actor,
  now: at,
  effectiveAt: at,
});

/**
 * The typed command a decider spec sends: `command('Type', data)` is that variant of the
 * aggregate's command union (its data checked against it), with the spec's meta unless another
 * is given. One builder instead of a copy of the same generic arrow in every decider spec.
 */
export function commandBuilder<TCommand extends Command<string, unknown>>(
  defaultMeta: CommandMeta,
) {
  return <TType extends TCommand['type']>(
    type: TType,
    data: Extract<TCommand, { type: TType }>['data'],
    meta: CommandMeta = defaultMeta,
  ): Extract<TCommand, { type: TType }> =>
    ({ type, data, meta }) as Command<string, unknown> as Extract<TCommand, { type: TType }>;
}
