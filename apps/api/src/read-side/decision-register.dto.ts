import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { DECISION_KINDS, type DecisionKind } from '@ledger/projections';
import { IsResourceId } from '@ledger/runtime';
import { IsCalendarDate } from '../http/calendar-date.decorator';
import { MAX_LIST_OFFSET, ReadQueryDto } from './project-summaries.dto';

export class DecisionRegisterQueryDto extends ReadQueryDto {
  @ApiPropertyOptional({
    example: 'pg-1',
    description: 'Only this program (403 when outside your claim)',
  })
  @IsOptional()
  @IsResourceId()
  programId?: string;

  @ApiPropertyOptional({ example: 'p-1', description: 'Only the decisions on this project' })
  @IsOptional()
  @IsResourceId()
  projectId?: string;

  @ApiPropertyOptional({
    example: 'bob',
    description: 'Only the decisions taken by this subject (token sub)',
  })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  actor?: string;

  @ApiPropertyOptional({ enum: DECISION_KINDS, example: 'change-request-decision' })
  @IsOptional()
  @IsIn(DECISION_KINDS)
  kind?: DecisionKind;

  @ApiPropertyOptional({
    example: '2026-03-01',
    description: 'Decisions effective (business date) on or after this date',
  })
  @IsOptional()
  @IsCalendarDate()
  from?: string;

  @ApiPropertyOptional({
    example: '2026-03-31',
    description: 'Decisions effective (business date) on or before this date',
  })
  @IsOptional()
  @IsCalendarDate()
  to?: string;

  @ApiPropertyOptional({
    enum: ['true', 'false'],
    example: 'true',
    description: 'true: only the decisions whose requester and decider are the same person',
  })
  @IsOptional()
  @IsIn(['true', 'false'])
  segregationExceptions?: 'true' | 'false';

  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 50, example: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;

  @ApiPropertyOptional({ minimum: 0, maximum: MAX_LIST_OFFSET, default: 0, example: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(MAX_LIST_OFFSET)
  offset?: number;
}
