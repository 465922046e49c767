import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { IsCalendarDate } from '../http/calendar-date.decorator';
import { ReadQueryDto } from './project-summaries.dto';

export class ContractComplianceQueryDto extends ReadQueryDto {
  @ApiPropertyOptional({
    example: '2026-06-01',
    description:
      'The day statuses, forecasts and LD figures are computed for (YYYY-MM-DD; default today, UTC)',
  })
  @IsOptional()
  @IsCalendarDate()
  asOf?: string;
}
