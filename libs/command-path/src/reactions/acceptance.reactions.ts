import type { Reaction } from '../reaction';

/** Reactions to acceptance events (one file each beside this one). */
export const acceptanceReactions: readonly Reaction[] = [];
