import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { COMPLAINT_LOG_STATUSES, type ComplaintLogStatus } from '@ledger/projections';
import { IsCalendarDate } from '../http/calendar-date.decorator';
import { ReadQueryDto } from './project-summaries.dto';

export class ComplaintLogQueryDto extends ReadQueryDto {
  @ApiPropertyOptional({
    example: '2026-03-20',
    description: 'The date overdue and days open are computed on (YYYY-MM-DD; default today, UTC)',
  })
  @IsOptional()
  @IsCalendarDate()
  asOf?: string;

  @ApiPropertyOptional({ enum: COMPLAINT_LOG_STATUSES })
  @IsOptional()
  @IsIn(COMPLAINT_LOG_STATUSES)
  status?: ComplaintLogStatus;
}
