import { applyDecorators } from '@nestjs/common';
import { IsString, Matches, type ValidationOptions } from 'class-validator';

/** The id format IdParamPipe accepts in paths (letters, digits, `._:-`, at most 100). */
const PATH_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}$/;

/**
 * A client-chosen id (scope item, milestone, person, reporting period, progress report...): it
 * may later be addressed in a path (`.../reporting-periods/:periodId/close`), so it takes the
 * same format a path id must have.
 */
export function IsPathId(options: ValidationOptions = {}): PropertyDecorator {
  return applyDecorators(
    IsString(options),
    Matches(PATH_ID, {
      ...options,
      message:
        '$property must be 1–100 letters, digits or . _ : - (starting with a letter or digit)',
    }),
  );
}
