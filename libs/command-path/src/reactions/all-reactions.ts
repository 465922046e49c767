import type { Reaction } from '../reaction';
import { acceptanceReactions } from './acceptance.reactions';
import { handoverReactions } from './handover.reactions';
import { projectReactions } from './project.reactions';

/**
 * Every policy that turns one aggregate's event into another aggregate's command: what the
 * dispatcher runs after a command and the durable reactor re-drives.
 */
export const REACTIONS: readonly Reaction[] = [
  ...projectReactions,
  ...handoverReactions,
  ...acceptanceReactions,
];
