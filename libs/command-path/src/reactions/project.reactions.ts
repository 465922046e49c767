import type { Reaction } from '../reaction';
import { programAttachesCreatedProject } from './program-attaches-created-project.reaction';

/** Reactions to project events (one file each beside this one). */
export const projectReactions: readonly Reaction[] = [programAttachesCreatedProject];
