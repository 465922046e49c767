import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional } from 'class-validator';
import { CSSQ_DIMENSIONS, type CssqDimension } from '@ledger/projections';
import { ReadQueryDto } from './project-summaries.dto';

export class CssqHistoryQueryDto extends ReadQueryDto {
  @ApiPropertyOptional({
    enum: CSSQ_DIMENSIONS,
    description: 'Only change requests whose assessed impact changes this dimension',
  })
  @IsOptional()
  @IsIn(CSSQ_DIMENSIONS)
  dimension?: CssqDimension;

  @ApiPropertyOptional({ description: 'Only change requests raised at or after (ISO 8601)' })
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({
    description: 'Only change requests raised at or before (ISO 8601; a date includes the day)',
  })
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;
}
