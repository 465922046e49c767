import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import {
  IsString,
  MaxLength,
  registerDecorator,
  type ValidationArguments,
  type ValidationOptions,
} from 'class-validator';

/**
 * What a free-text field (name, title, reason, description, comment...) may hold. Text stands in
 * the audit record for good, and is shown to people and read by other systems, so it must read
 * the same everywhere it is displayed:
 * - it is normalised to NFC, so the same words are the same bytes (and the same hash);
 * - it is not empty or whitespace only (leave an optional field out to say nothing);
 * - no control characters (C0, DEL, C1), except line feed and tab in multi-line text;
 *   a line break is sent as \n (CR, U+2028 and U+2029 are refused);
 * - no bidi embedding, override or isolate controls (U+202A–U+202E, U+2066–U+2069), which can
 *   make a reason display as something other than what it stores;
 * - no unpaired UTF-16 surrogates, which are not text and cannot be encoded as UTF-8.
 */
export interface CleanTextOptions {
  /** The most UTF-16 code units allowed, counted after normalisation. */
  readonly maxLength: number;
  /** Long text (descriptions, reasons, comments) may hold line feeds and tabs. */
  readonly multiline?: boolean;
  /** Check every element of an array of strings. */
  readonly each?: boolean;
}

const BLANK = /^[\s\u200B\u2060]*$/;
/* eslint-disable no-control-regex -- matching control characters is the point of these two */
const SINGLE_LINE_REFUSED =
  /[\u0000-\u001F\u007F-\u009F\u2028\u2029\u202A-\u202E\u2066-\u2069]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const MULTILINE_REFUSED =
  /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u2028\u2029\u202A-\u202E\u2066-\u2069]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/* eslint-enable no-control-regex */

const codePoint = (unit: string): string =>
  `U+${unit.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;

/** Why `text` is not clean text, or null when it is. `text` is expected in NFC already. */
export function cleanTextProblem(text: string, multiline = false): string | null {
  if (BLANK.test(text)) return 'must not be empty or only whitespace';
  const refused = (multiline ? MULTILINE_REFUSED : SINGLE_LINE_REFUSED).exec(text);
  if (refused === null) return null;
  const unit = refused[0];
  const position = refused.index;
  if (/[\uD800-\uDFFF]/.test(unit)) {
    return `must not contain an unpaired surrogate (${codePoint(unit)} at ${position})`;
  }
  if (/[\u202A-\u202E\u2066-\u2069]/.test(unit)) {
    return `must not contain bidi control ${codePoint(unit)} (at ${position})`;
  }
  return multiline
    ? `must not contain control character ${codePoint(unit)} (at ${position}); only \\n and \\t are allowed`
    : `must not contain control character ${codePoint(unit)} (at ${position}); it is single-line text`;
}

/** NFC for a string, or for each string of an array; anything else is left for IsString to refuse. */
export function normaliseText(value: unknown): unknown {
  if (typeof value === 'string') return value.normalize('NFC');
  if (Array.isArray(value)) {
    return value.map((item: unknown) => (typeof item === 'string' ? item.normalize('NFC') : item));
  }
  return value;
}

function firstProblem(value: unknown, multiline: boolean): string | null {
  const values: unknown[] = Array.isArray(value) ? value : [value];
  for (const item of values) {
    if (typeof item !== 'string') continue; // IsString reports it
    const problem = cleanTextProblem(item, multiline);
    if (problem !== null) return problem;
  }
  return null;
}

function IsCleanTextContent(multiline: boolean, options: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) => {
    registerDecorator({
      name: 'isCleanText',
      target: target.constructor,
      propertyName: String(propertyName),
      options: {
        ...options,
        message: (args: ValidationArguments) =>
          `${args.property} ${firstProblem(args.value, multiline) ?? 'must be clean text'}`,
      },
      validator: {
        validate: (value: unknown) =>
          typeof value !== 'string' || !cleanTextProblem(value, multiline),
      },
    });
  };
}

/**
 * A free-text field: a string, normalised to NFC, at most `maxLength` long, and clean text as
 * CleanTextOptions says (problems come back as rule `isCleanText`).
 */
export function IsCleanText(options: CleanTextOptions): PropertyDecorator {
  const each: ValidationOptions = options.each ? { each: true } : {};
  return applyDecorators(
    Transform(({ value }: { value: unknown }) => normaliseText(value)),
    IsString(each),
    MaxLength(options.maxLength, each),
    IsCleanTextContent(options.multiline ?? false, each),
  );
}
