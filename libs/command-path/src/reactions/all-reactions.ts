import {
  acceptanceReactions,
  handoverReactions,
  projectReactions,
  type Reaction,
} from '@ledger/command-path';

/** Every policy that turns one aggregate's event into another aggregate's command. */
export const REACTIONS: readonly Reaction[] = [
  ...projectReactions,
  ...handoverReactions,
  ...acceptanceReactions,
];
