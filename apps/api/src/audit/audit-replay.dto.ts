import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { IsCalendarDate } from '../http/calendar-date.decorator';
import { IsOffsetDateTime } from '../http/date-time.decorator';

/** The largest page any audit listing answers. */
export const AUDIT_PAGE_LIMIT = 500;

/** `fromRevision` + `limit`: the paging of stream events and of the timeline. */
export class RevisionPageQueryDto {
  @ApiPropertyOptional({ description: 'First stream revision (inclusive); default 0', example: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  fromRevision?: number;

  @ApiPropertyOptional({
    description: `Page size, 1 to ${AUDIT_PAGE_LIMIT}; default 100`,
    example: 100,
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(AUDIT_PAGE_LIMIT)
  limit?: number;
}

/** GET /api/audit/streams/:streamId/events. */
export class StreamEventsQueryDto extends RevisionPageQueryDto {
  @ApiPropertyOptional({ description: 'Only events of this type', example: 'ChangeRequestDecided' })
  @IsOptional()
  // Event types are PascalCase past-tense names.
  @Matches(/^[A-Z][A-Za-z0-9]{0,99}$/, { message: '$property must be an event type name' })
  type?: string;

  @ApiPropertyOptional({
    description: 'Recorded at or after (ISO 8601 with offset)',
    example: '2026-03-01T00:00:00Z',
  })
  @IsOptional()
  @IsOffsetDateTime()
  recordedFrom?: string;

  @ApiPropertyOptional({
    description: 'Recorded at or before (ISO 8601 with offset)',
    example: '2026-03-31T23:59:59Z',
  })
  @IsOptional()
  @IsOffsetDateTime()
  recordedTo?: string;
}

/** GET /api/audit/.../state: the two times of a bitemporal replay, each optional. */
export class AggregateStateQueryDto {
  @ApiPropertyOptional({
    description:
      'Recorded time: the state as the system knew it then (ISO 8601 with offset); default now',
    example: '2026-03-15T12:00:00Z',
  })
  @IsOptional()
  @IsOffsetDateTime()
  asOf?: string;

  @ApiPropertyOptional({
    description:
      'Business date: only facts effective on or before this day (UTC) are folded; later-effective events are skipped and counted',
    example: '2026-03-10',
  })
  @IsOptional()
  @IsCalendarDate()
  effectiveOn?: string;
}

/** GET /api/audit/projects/:projectId/diff: two moments, by recorded time or by revision. */
export class StateDiffQueryDto {
  @ApiPropertyOptional({
    description: 'Recorded time of the first state; default: before the first event',
    example: '2026-03-01T00:00:00Z',
  })
  @IsOptional()
  @IsOffsetDateTime()
  from?: string;

  @ApiPropertyOptional({
    description: 'Recorded time of the second state; default now',
    example: '2026-04-01T00:00:00Z',
  })
  @IsOptional()
  @IsOffsetDateTime()
  to?: string;

  @ApiPropertyOptional({
    description: 'Instead of `from`: the state after this revision',
    example: 2,
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  fromRevision?: number;

  @ApiPropertyOptional({
    description: 'Instead of `to`: the state after this revision',
    example: 7,
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  toRevision?: number;
}
