import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { HANDOVER_KINDS, type HandoverKind } from '@ledger/domain';
import { HANDOVER_READINESS_STATUSES, type HandoverReadinessStatus } from '@ledger/projections';
import { IsCalendarDate } from '../http/calendar-date.decorator';
import { ReadQueryDto } from './project-summaries.dto';

export class HandoverReadinessQueryDto extends ReadQueryDto {
  @ApiPropertyOptional({
    example: '2026-03-16',
    description: 'The date ages are computed to (YYYY-MM-DD; default today, UTC)',
  })
  @IsOptional()
  @IsCalendarDate()
  asOf?: string;

  @ApiPropertyOptional({ enum: HANDOVER_KINDS, description: 'Only handovers of this kind' })
  @IsOptional()
  @IsIn(HANDOVER_KINDS)
  kind?: HandoverKind;

  @ApiPropertyOptional({ enum: HANDOVER_READINESS_STATUSES })
  @IsOptional()
  @IsIn(HANDOVER_READINESS_STATUSES)
  status?: HandoverReadinessStatus;
}
