import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { HEALTHS, PROJECT_SORTS, type Health, type ProjectSort } from '@ledger/projections';
import { DEFAULT_WAIT_MS, IsResourceId } from '@ledger/runtime';

/**
 * Paging deeper than this is not a use of a list (filter instead); the bound keeps `offset`
 * an exact integer that every read store takes (1e20 once reached SQLite as a 500).
 */
export const MAX_LIST_OFFSET = 1_000_000;

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

export class ProjectListQueryDto extends ReadQueryDto {
  @ApiPropertyOptional({ description: 'Only this program (403 when outside your claim)' })
  @IsOptional()
  @IsResourceId()
  programId?: string;

  @ApiPropertyOptional({ enum: ['active', 'closed'] })
  @IsOptional()
  @IsIn(['active', 'closed'])
  status?: 'active' | 'closed';

  @ApiPropertyOptional({
    enum: HEALTHS,
    description: 'Only projects of this RAG health (unknown: no baseline yet)',
  })
  @IsOptional()
  @IsIn(HEALTHS)
  health?: Health;

  @ApiPropertyOptional({
    enum: PROJECT_SORTS,
    description: "'-' sorts descending; health sorts worst first; default name",
  })
  @IsOptional()
  @IsIn(PROJECT_SORTS)
  sort?: ProjectSort;

  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;

  @ApiPropertyOptional({ minimum: 0, maximum: MAX_LIST_OFFSET, default: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(MAX_LIST_OFFSET)
  offset?: number;
}
