import type { Reaction } from '../reaction';
import { projectRecordsHandoverOutcome } from './project-records-handover-outcome.reaction';

/** Reactions to handover events (one file each beside this one). */
export const handoverReactions: readonly Reaction[] = [projectRecordsHandoverOutcome];
