import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsObject, IsOptional, ValidateNested } from 'class-validator';
import { IsCleanText } from '../http/clean-text';
import {
  OPPORTUNITY_STRATEGIES,
  RESPONSE_ACTION_STATUSES,
  THREAT_STRATEGIES,
  type ResponseActionStatus,
  type RiskResponseStrategy,
} from '@ledger/domain';
import { IsCalendarDate } from '../http/calendar-date.decorator';
import { EffectiveAtDto } from '../http/effective-at.dto';
import { MoneyDto } from '../http/money.dto';
import { IsResourceId } from '@ledger/runtime';

/** Every strategy of either kind; whether it fits the risk's kind is the domain's rule (422). */
const STRATEGIES: readonly RiskResponseStrategy[] = [
  ...new Set<RiskResponseStrategy>([...THREAT_STRATEGIES, ...OPPORTUNITY_STRATEGIES]),
];

export class PlanRiskResponseDto extends EffectiveAtDto {
  @ApiProperty({
    enum: STRATEGIES,
    example: 'mitigate',
    description: `threat: ${THREAT_STRATEGIES.join(', ')}; opportunity: ${OPPORTUNITY_STRATEGIES.join(', ')}`,
  })
  @IsIn(STRATEGIES)
  strategy!: RiskResponseStrategy;

  @ApiProperty({ example: 'Qualify a second supplier for radio units', maxLength: 2000 })
  @IsCleanText({ maxLength: 2000, multiline: true })
  description!: string;

  @ApiPropertyOptional({ type: MoneyDto, description: 'Reserve set aside for this risk, ≥ 0' })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => MoneyDto)
  contingencyReserve?: MoneyDto;
}

export class AddResponseActionDto extends EffectiveAtDto {
  @ApiPropertyOptional({
    example: 'act-1',
    description: 'Client-chosen id (letters, digits, . _ : -); generated when left out',
  })
  @IsOptional()
  @IsResourceId()
  actionId?: string;

  @ApiProperty({ example: 'Place a framework order with the second supplier', maxLength: 2000 })
  @IsCleanText({ maxLength: 2000, multiline: true })
  description!: string;

  @ApiProperty({ example: 'user-sam', maxLength: 100 })
  @IsCleanText({ maxLength: 100 })
  ownerId!: string;

  @ApiProperty({ example: '2026-05-15' })
  @IsCalendarDate()
  dueOn!: string;

  @ApiPropertyOptional({ enum: RESPONSE_ACTION_STATUSES, default: 'open' })
  @IsOptional()
  @IsIn(RESPONSE_ACTION_STATUSES)
  status?: ResponseActionStatus;
}

/** Give only what changes. */
export class UpdateResponseActionDto extends EffectiveAtDto {
  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOptional()
  @IsCleanText({ maxLength: 2000, multiline: true })
  description?: string;

  @ApiPropertyOptional({ maxLength: 100 })
  @IsOptional()
  @IsCleanText({ maxLength: 100 })
  ownerId?: string;

  @ApiPropertyOptional({ example: '2026-06-01' })
  @IsOptional()
  @IsCalendarDate()
  dueOn?: string;

  @ApiPropertyOptional({ enum: RESPONSE_ACTION_STATUSES })
  @IsOptional()
  @IsIn(RESPONSE_ACTION_STATUSES)
  status?: ResponseActionStatus;
}

export class DrawContingencyDto extends EffectiveAtDto {
  @ApiProperty({ type: MoneyDto, description: 'Above 0, in the reserve currency' })
  @IsObject()
  @ValidateNested()
  @Type(() => MoneyDto)
  amount!: MoneyDto;

  @ApiProperty({ example: 'Expedited freight for the delayed radio units', maxLength: 2000 })
  @IsCleanText({ maxLength: 2000, multiline: true })
  reason!: string;
}
