import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { RISK_KINDS, type RiskKind } from '@ledger/domain';
import { RISK_SORTS, type RiskRegisterStatus, type RiskSort } from '@ledger/projections';
import { IsCalendarDate } from '../http/calendar-date.decorator';
import { ReadQueryDto } from './project-summaries.dto';

export const RISK_REGISTER_STATUSES: readonly RiskRegisterStatus[] = ['open', 'occurred', 'closed'];

/** GET /api/programs/:programId/risk-exposure. */
export class RiskExposureQueryDto extends ReadQueryDto {
  @ApiPropertyOptional({
    example: '2026-06-01',
    description:
      'The day overdue reviews and actions are judged on (YYYY-MM-DD; default today, UTC)',
  })
  @IsOptional()
  @IsCalendarDate()
  asOf?: string;
}

/** GET /api/projects/:projectId/risks: the filters and the sort apply to `items` only. */
export class RiskRegisterQueryDto extends RiskExposureQueryDto {
  @ApiPropertyOptional({ enum: RISK_REGISTER_STATUSES })
  @IsOptional()
  @IsIn(RISK_REGISTER_STATUSES)
  status?: RiskRegisterStatus;

  @ApiPropertyOptional({ enum: RISK_KINDS })
  @IsOptional()
  @IsIn(RISK_KINDS)
  kind?: RiskKind;

  @ApiPropertyOptional({
    enum: RISK_SORTS,
    description: "'-' sorts descending; score = residual, else inherent; default -score",
  })
  @IsOptional()
  @IsIn(RISK_SORTS)
  sort?: RiskSort;
}
