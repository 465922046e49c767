import { ValidationPipe, type ValidationError } from '@nestjs/common';
import type { FieldProblem } from './problem-details';

/** The body (or a parameter) failed its DTO's rules: answered 400 with every field and rule. */
export class RequestValidationError extends Error {
  override readonly name = 'RequestValidationError';
  constructor(readonly problems: readonly FieldProblem[]) {
    super(problems.map((problem) => `${problem.field}: ${problem.message}`).join('; '));
  }
}

/** Flattens class-validator's tree into `a.b[2].c` paths. */
export function flattenValidationErrors(
  errors: readonly ValidationError[],
  parent = '',
): FieldProblem[] {
  return errors.flatMap((error) => {
    const segment = /^\d+$/.test(error.property) ? `[${error.property}]` : error.property;
    const field =
      parent === ''
        ? segment
        : segment.startsWith('[')
          ? `${parent}${segment}`
          : `${parent}.${segment}`;
    const own = Object.entries(error.constraints ?? {}).map(([rule, message]) => ({
      field,
      rule,
      message,
    }));
    return [...own, ...flattenValidationErrors(error.children ?? [], field)];
  });
}

/**
 * Global pipe: unknown fields are refused (not silently dropped) so a typo in a client never
 * turns into a command that ignores what the user meant.
 */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => new RequestValidationError(flattenValidationErrors(errors)),
  });
}
