import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { ACCEPTANCE_OBJECT_KINDS, type AcceptanceObjectKind } from '@ledger/domain';
import { ACCEPTANCE_TRACKER_STATUSES, type AcceptanceTrackerStatus } from '@ledger/projections';
import { IsCalendarDate } from '../http/calendar-date.decorator';
import { ReadQueryDto } from './project-summaries.dto';

export class AcceptanceTrackerQueryDto extends ReadQueryDto {
  @ApiPropertyOptional({
    example: '2027-03-01',
    description: 'The date warranties are judged on (YYYY-MM-DD; default today, UTC)',
  })
  @IsOptional()
  @IsCalendarDate()
  asOf?: string;

  @ApiPropertyOptional({ enum: ACCEPTANCE_TRACKER_STATUSES })
  @IsOptional()
  @IsIn(ACCEPTANCE_TRACKER_STATUSES)
  status?: AcceptanceTrackerStatus;

  @ApiPropertyOptional({ enum: ACCEPTANCE_OBJECT_KINDS, description: 'Only this kind of object' })
  @IsOptional()
  @IsIn(ACCEPTANCE_OBJECT_KINDS)
  objectKind?: AcceptanceObjectKind;
}
