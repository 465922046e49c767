import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { CSSQ_DIMENSIONS, type CssqDimension } from '@ledger/projections';
import { IsCalendarDateOrOffsetDateTime } from '../http/date-time.decorator';
import { ReadQueryDto } from './project-summaries.dto';

export class CssqHistoryQueryDto extends ReadQueryDto {
  @ApiPropertyOptional({
    enum: CSSQ_DIMENSIONS,
    description: 'Only change requests whose assessed impact changes this dimension',
  })
  @IsOptional()
  @IsIn(CSSQ_DIMENSIONS)
  dimension?: CssqDimension;

  @ApiPropertyOptional({
    description: 'Only change requests raised at or after (a date, or a date-time with an offset)',
  })
  @IsOptional()
  @IsCalendarDateOrOffsetDateTime()
  from?: string;

  @ApiPropertyOptional({
    description:
      'Only change requests raised at or before (a date includes the day; a date-time needs an offset)',
  })
  @IsOptional()
  @IsCalendarDateOrOffsetDateTime()
  to?: string;
}
