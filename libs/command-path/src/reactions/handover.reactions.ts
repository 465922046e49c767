import type { Reaction } from '../reaction';

/** Reactions to handover events (one file each beside this one). */
export const handoverReactions: readonly Reaction[] = [];
