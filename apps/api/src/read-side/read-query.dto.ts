import type { Type as Class } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import type { ReadQueryField, ReadRoute } from '@ledger/projections';
import { DEFAULT_WAIT_MS, IsResourceId } from '@ledger/runtime';
import { IsCalendarDate } from '../http/calendar-date.decorator';
import { IsCalendarDateOrOffsetDateTime } from '../http/date-time.decorator';

/** Read-your-writes parameters shared by every query route. */
export class ReadQueryDto {
  @ApiPropertyOptional({
    description:
      'Wait until the read model has applied this log position (a command response `position`)',
    minimum: 0,
    maximum: Number.MAX_SAFE_INTEGER,
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  // Positions are safe integers; anything larger is not a position (and 1e20 reached SQLite as a 500).
  @Max(Number.MAX_SAFE_INTEGER)
  minPosition?: number;

  @ApiPropertyOptional({
    description: `How long to wait for minPosition, in ms (default and maximum ${DEFAULT_WAIT_MS})`,
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(DEFAULT_WAIT_MS)
  waitMs?: number;
}

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** The longest token subject a query may name. */
const MAX_SUBJECT_LENGTH = 200;

/** The validation rules of a field's kind, as a hand-written DTO would list them, top to bottom. */
function rulesOf(field: ReadQueryField): PropertyDecorator[] {
  switch (field.kind) {
    case 'calendar-date':
      return [IsCalendarDate()];
    case 'calendar-date-or-offset-date-time':
      return [IsCalendarDateOrOffsetDateTime()];
    case 'month':
      return [Matches(MONTH, { message: '$property must be a calendar month YYYY-MM' })];
    case 'resource-id':
      return [IsResourceId()];
    case 'subject':
      return [IsString(), IsNotEmpty(), MaxLength(MAX_SUBJECT_LENGTH)];
    case 'one-of':
      return [IsIn(field.enum)];
    case 'integer':
      return [Type(() => Number), IsInt(), Min(field.minimum), Max(field.maximum)];
  }
}

/**
 * The query DTO of a read route, built from its declaration: `minPosition` and `waitMs`, then
 * each field with `@ApiPropertyOptional` (the declaration's documentation keys, in order),
 * `@IsOptional` and its kind's rules. The decorators are applied as TypeScript applies written
 * ones (bottom-up, with the property's `design:type`), so the validation answers and the
 * OpenAPI parameters are those of the hand-written DTOs this replaces.
 */
export function readQueryDtoOf(route: ReadRoute): Class<ReadQueryDto> {
  class RouteQueryDto extends ReadQueryDto {}
  for (const [name, field] of Object.entries(route.query)) {
    const { kind, ...documentation } = field;
    const decorators = [ApiPropertyOptional(documentation), IsOptional(), ...rulesOf(field)];
    Reflect.decorate(
      [...decorators, Reflect.metadata('design:type', kind === 'integer' ? Number : String)],
      RouteQueryDto.prototype,
      name,
    );
  }
  return RouteQueryDto;
}
