import { applyDecorators } from '@nestjs/common';
import { IsString, Matches, type ValidationOptions } from 'class-validator';

/**
 * The format of every id that names a stream or a sub-entity, whether it comes in a path
 * (IdParamPipe) or in a body (IsResourceId): ids become parts of stream names
 * (`project-<id>`) and may later be addressed in paths, so letters, digits and `._:-` only,
 * starting with a letter or digit, at most 100 characters.
 */
export const RESOURCE_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}$/;

/** What a refused id is told, naming the field or parameter. */
export function resourceIdMessage(name: string): string {
  return `${name} must be 1–100 letters, digits or . _ : - (starting with a letter or digit)`;
}

/** The message of IsResourceId (class-validator fills in `$property`). */
export const RESOURCE_ID_MESSAGE = resourceIdMessage('$property');

/**
 * A client-chosen id in a body (scope item, milestone, checklist item, obligation, certificate,
 * CRM or site reference...): a string in the RESOURCE_ID format. `{ each: true }` checks every
 * element of an array.
 */
export function IsResourceId(options: ValidationOptions = {}): PropertyDecorator {
  return applyDecorators(
    IsString(options),
    Matches(RESOURCE_ID, { ...options, message: RESOURCE_ID_MESSAGE }),
  );
}
