import type { RecordedEvent } from '@ledger/event-store';
import type { CommandContext } from './command-context';
import { deterministicUuid } from './deterministic-uuid';
import type { CommandExecutor, CommandFactory, CommandOutcome } from './command-executor';
import { DomainError, type AnyAggregateDefinition } from '@ledger/domain';

/** A command one aggregate's event causes on another (e.g. HandoverApproved → the project records it). */
export interface FollowUpCommand {
  readonly aggregate: AnyAggregateDefinition;
  readonly streamId: string;
  readonly build: CommandFactory<unknown>;
}

/**
 * A policy: "when this event is recorded, that command follows". Pure: it only reads the event.
 * Named, because the name is part of the follow-up's idempotency key.
 */
export interface Reaction {
  readonly name: string;
  readonly on: readonly string[];
  react(event: RecordedEvent): readonly FollowUpCommand[];
}

export type FollowUpResult =
  | { readonly reaction: string; readonly streamId: string; readonly outcome: CommandOutcome }
  | { readonly reaction: string; readonly streamId: string; readonly error: DomainError };

/**
 * Runs the reactions to the events a command appended, right after it, as the same actor and
 * correlation, caused by the triggering event. Each follow-up's idempotency key is derived from
 * (reaction, event id), so running it again (a client retry, a replayed request, a re-drive
 * after a crash) appends nothing twice. A follow-up the target refuses is reported, not thrown:
 * the triggering fact is already recorded and stays true.
 */
export async function runReactions(
  executor: CommandExecutor,
  reactions: readonly Reaction[],
  events: readonly RecordedEvent[],
  context: CommandContext,
): Promise<FollowUpResult[]> {
  const results: FollowUpResult[] = [];
  for (const event of events) {
    for (const reaction of reactions) {
      if (!reaction.on.includes(event.type)) continue;
      for (const [index, followUp] of reactTo(reaction, event).entries()) {
        const key = `reaction:${reaction.name}:${event.id}:${index}`;
        const followUpContext: CommandContext = {
          actor: context.actor,
          correlationId: context.correlationId,
          causationId: event.id,
          commandId: deterministicUuid(key),
          effectiveAt: event.metadata.effectiveAt,
          idempotency: { key, requestHash: event.hash },
        };
        try {
          const outcome = await executor.execute(
            followUp.aggregate,
            followUp.streamId,
            followUp.build,
            followUpContext,
          );
          results.push({ reaction: reaction.name, streamId: followUp.streamId, outcome });
        } catch (error) {
          if (!(error instanceof DomainError)) throw error;
          results.push({ reaction: reaction.name, streamId: followUp.streamId, error });
        }
      }
    }
  }
  return results;
}

/**
 * A reaction policy threw on an event: a bug (or an event it cannot read), not an outage. The
 * durable reactor stops on it instead of retrying (retrying would fail the same way).
 */
export class ReactionFailedError extends Error {
  override readonly name = 'ReactionFailedError';
  constructor(
    readonly reaction: string,
    readonly eventPosition: number,
    readonly eventType: string,
    override readonly cause: unknown,
  ) {
    super(
      `reaction "${reaction}" failed on ${eventType} at position ${eventPosition}: ` +
        (cause instanceof Error ? cause.message : String(cause)),
    );
  }
}

function reactTo(reaction: Reaction, event: RecordedEvent): readonly FollowUpCommand[] {
  try {
    return reaction.react(event);
  } catch (cause) {
    throw new ReactionFailedError(reaction.name, event.position, event.type, cause);
  }
}
