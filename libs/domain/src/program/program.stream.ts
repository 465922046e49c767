/** The one place a program's stream name is made: `program-<id>`. */
export const PROGRAM_STREAM_CATEGORY = 'program';
export const programStreamId = (programId: string): string =>
  `${PROGRAM_STREAM_CATEGORY}-${programId}`;
