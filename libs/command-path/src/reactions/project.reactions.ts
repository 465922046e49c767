import type { Reaction } from '../reaction';

/** Reactions to project events (one file each beside this one). */
export const projectReactions: readonly Reaction[] = [];
