import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsObject, IsOptional, Max, Min, ValidateNested } from 'class-validator';
import { IsCalendarDate } from '../http/calendar-date.decorator';
import { EffectiveAtDto } from '../http/effective-at.dto';
import { MoneyDto } from '../http/money.dto';

/** Impact per dimension, each 1–5; the overall impact is then the worst of them. */
export class DimensionImpactsDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 5 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(5)
  cost?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 5 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(5)
  schedule?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 5 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(5)
  scope?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 5 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(5)
  quality?: number;
}

/**
 * AssessRisk and AssessResidualRisk (same shape). Score and EMV are never sent: the domain
 * computes them (score = probability × impact, EMV = probability% × cost impact, signed by kind).
 */
export class AssessRiskDto extends EffectiveAtDto {
  @ApiProperty({ minimum: 1, maximum: 5, example: 4 })
  @IsInt()
  @Min(1)
  @Max(5)
  probability!: number;

  @ApiPropertyOptional({
    minimum: 1,
    maximum: 5,
    example: 3,
    description: 'Overall impact; may be left out when dimensionImpacts are given (then their max)',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(5)
  impact?: number;

  @ApiPropertyOptional({ type: DimensionImpactsDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => DimensionImpactsDto)
  dimensionImpacts?: DimensionImpactsDto;

  @ApiProperty({
    type: MoneyDto,
    description: 'Cost (threat) or value (opportunity) if it happens, ≥ 0',
  })
  @IsObject()
  @ValidateNested()
  @Type(() => MoneyDto)
  costImpact!: MoneyDto;

  @ApiPropertyOptional({ minimum: 0, example: 30, description: 'Schedule impact in calendar days' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(36_500)
  scheduleDays?: number;

  @ApiPropertyOptional({
    example: '2026-05-01',
    description: 'YYYY-MM-DD, not before the assessment',
  })
  @IsOptional()
  @IsCalendarDate()
  nextReviewOn?: string;
}
