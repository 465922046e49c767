import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsObject, IsOptional, ValidateNested } from 'class-validator';
import { IsCleanText } from '../http/clean-text';
import {
  OPPORTUNITY_CLOSE_REASONS,
  RISK_CATEGORIES,
  RISK_ESCALATION_LEVELS,
  RISK_KINDS,
  THREAT_CLOSE_REASONS,
  type RiskCategory,
  type RiskCloseReason,
  type RiskEscalationLevel,
  type RiskKind,
} from '@ledger/domain';
import { IsCalendarDate } from '../http/calendar-date.decorator';
import { EffectiveAtDto } from '../http/effective-at.dto';
import { MoneyDto } from '../http/money.dto';

/** Every close reason of either kind; which one fits the risk's kind is the domain's rule. */
const CLOSE_REASONS: readonly RiskCloseReason[] = [
  ...new Set<RiskCloseReason>([...THREAT_CLOSE_REASONS, ...OPPORTUNITY_CLOSE_REASONS]),
];

/**
 * RaiseRisk. `event` is required although the example body leaves it out: DOMAIN.md
 * describes a risk as cause → event → effect and RiskRaised records all three.
 */
export class RaiseRiskDto extends EffectiveAtDto {
  @ApiProperty({ enum: RISK_KINDS, example: 'threat' })
  @IsIn(RISK_KINDS)
  kind!: RiskKind;

  @ApiProperty({ example: 'Late delivery of RAN equipment', maxLength: 200 })
  @IsCleanText({ maxLength: 200 })
  title!: string;

  @ApiProperty({ example: 'Single supplier for the radio units', maxLength: 2000 })
  @IsCleanText({ maxLength: 2000, multiline: true })
  cause!: string;

  @ApiProperty({ example: 'Radio units arrive after the rollout window opens', maxLength: 2000 })
  @IsCleanText({ maxLength: 2000, multiline: true })
  event!: string;

  @ApiProperty({ example: 'Site integration slips by up to six weeks', maxLength: 2000 })
  @IsCleanText({ maxLength: 2000, multiline: true })
  effect!: string;

  @ApiProperty({ enum: RISK_CATEGORIES, example: 'supply-chain' })
  @IsIn(RISK_CATEGORIES)
  category!: RiskCategory;
}

export class AssignRiskOwnerDto extends EffectiveAtDto {
  @ApiProperty({ example: 'user-carla', maxLength: 100 })
  @IsCleanText({ maxLength: 100 })
  ownerId!: string;
}

export class EscalateRiskDto extends EffectiveAtDto {
  @ApiProperty({ enum: RISK_ESCALATION_LEVELS, example: 'program' })
  @IsIn(RISK_ESCALATION_LEVELS)
  level!: RiskEscalationLevel;

  @ApiProperty({ example: 'Program board North', maxLength: 200 })
  @IsCleanText({ maxLength: 200 })
  escalatedTo!: string;

  @ApiProperty({ example: 'Exposure exceeds the project tolerance', maxLength: 2000 })
  @IsCleanText({ maxLength: 2000, multiline: true })
  reason!: string;
}

export class RecordRiskOccurrenceDto extends EffectiveAtDto {
  @ApiProperty({ example: '2026-04-14', description: 'YYYY-MM-DD, not in the future' })
  @IsCalendarDate()
  occurredOn!: string;

  @ApiProperty({ example: 'Supplier confirmed a five-week delay', maxLength: 2000 })
  @IsCleanText({ maxLength: 2000, multiline: true })
  description!: string;

  @ApiProperty({
    type: MoneyDto,
    description: 'Actual cost (threat) or benefit (opportunity), ≥ 0',
  })
  @IsObject()
  @ValidateNested()
  @Type(() => MoneyDto)
  actualCostImpact!: MoneyDto;
}

export class CloseRiskDto extends EffectiveAtDto {
  @ApiProperty({
    enum: CLOSE_REASONS,
    example: 'expired',
    description: `threat: ${THREAT_CLOSE_REASONS.join(', ')}; opportunity: ${OPPORTUNITY_CLOSE_REASONS.join(', ')}`,
  })
  @IsIn(CLOSE_REASONS)
  reason!: RiskCloseReason;

  @ApiPropertyOptional({ example: 'Rollout window closed without the event', maxLength: 2000 })
  @IsOptional()
  @IsCleanText({ maxLength: 2000, multiline: true })
  note?: string;
}
