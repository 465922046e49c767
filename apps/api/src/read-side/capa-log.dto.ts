import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { CAPA_SOURCES, type CapaSource } from '@ledger/domain';
import { CAPA_STAGES, type CapaStage } from '@ledger/projections';
import { IsCalendarDate } from '../http/calendar-date.decorator';
import { ReadQueryDto } from './project-summaries.dto';

export class CapaLogQueryDto extends ReadQueryDto {
  @ApiPropertyOptional({
    example: '2026-04-30',
    description: 'The date overdue actions and days open are computed on (default today, UTC)',
  })
  @IsOptional()
  @IsCalendarDate()
  asOf?: string;

  @ApiPropertyOptional({ enum: CAPA_STAGES })
  @IsOptional()
  @IsIn(CAPA_STAGES)
  stage?: CapaStage;

  @ApiPropertyOptional({ enum: CAPA_SOURCES })
  @IsOptional()
  @IsIn(CAPA_SOURCES)
  source?: CapaSource;
}
