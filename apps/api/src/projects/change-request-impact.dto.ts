import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsObject,
  Max,
  Min,
  ValidateBy,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import type { CostImpact, QualityImpact, ScheduleImpact, ScopeImpact } from '@ledger/domain';
import { MoneyDto } from '../http/money.dto';
import { IsResourceId } from '@ledger/runtime';
import {
  MAX_MILESTONES,
  MAX_QUALITY_CRITERIA,
  MAX_SCOPE_ITEMS,
  QualityCriterionDto,
  ScopeItemDto,
} from './baseline.dto';

/**
 * Each CSSQ dimension of an assessment is a discriminated union on `impact`: `{impact: "none"}`
 * carries nothing else, `{impact: "change", ...}` carries its dimension's fields. The fields of
 * a change are validated when `impact` is "change", and refused when they come with anything
 * else (so `{impact: "none", budgetDelta: ...}` is a 400, not a silently dropped delta).
 * Whether a change actually changes something is the domain's rule (`impact-change-empty`).
 */
export const IMPACTS = ['none', 'change'] as const;
type Impact = (typeof IMPACTS)[number];

function isChange(object: object): boolean {
  return (object as { impact?: unknown }).impact === 'change';
}

const onlyWhenImpactIsChange = ValidateBy({
  name: 'onlyWhenImpactIsChange',
  validator: {
    validate: (_value: unknown, args) => args !== undefined && isChange(args.object),
    defaultMessage: () => '$property is only given when impact is "change"',
  },
});

/**
 * A field of the "change" variant: validated for a change (where it is required unless
 * `optional`; an optional list left out is taken as empty), refused with any other impact.
 */
function ChangeField({ optional = false } = {}): PropertyDecorator {
  return applyDecorators(
    ValidateIf(
      (object: object, value: unknown) => (!optional && isChange(object)) || value !== undefined,
    ),
    onlyWhenImpactIsChange,
  );
}

const impactProperty = {
  enum: IMPACTS,
  description: '"none", or "change" with the fields of this dimension',
};

export class CostImpactDto {
  @ApiProperty(impactProperty)
  @IsIn(IMPACTS)
  impact!: Impact;

  @ApiPropertyOptional({ type: MoneyDto, description: 'With "change": the BAC delta (±)' })
  @ChangeField()
  @IsObject()
  @ValidateNested()
  @Type(() => MoneyDto)
  budgetDelta?: MoneyDto;

  toImpact(): CostImpact {
    const delta = this.budgetDelta;
    return this.impact === 'change' && delta
      ? { impact: 'change', budgetDelta: { amount: delta.amount, currency: delta.currency } }
      : { impact: 'none' };
  }
}

export class MilestoneShiftDto {
  @ApiProperty({ example: 'm2' })
  @IsResourceId()
  milestoneId!: string;

  @ApiProperty({ example: 21, description: 'Whole days, positive = later (non-zero)' })
  @IsInt()
  @Min(-36_500) // a century either way: shifts are summed per change request and added to dates
  @Max(36_500)
  days!: number;
}

export class ScheduleImpactDto {
  @ApiProperty(impactProperty)
  @IsIn(IMPACTS)
  impact!: Impact;

  @ApiPropertyOptional({ type: [MilestoneShiftDto], description: 'With "change"' })
  @ChangeField()
  @IsArray()
  @ArrayMaxSize(MAX_MILESTONES)
  @ValidateNested({ each: true })
  @Type(() => MilestoneShiftDto)
  milestoneShifts?: MilestoneShiftDto[];

  toImpact(): ScheduleImpact {
    const shifts = this.milestoneShifts;
    return this.impact === 'change' && shifts
      ? {
          impact: 'change',
          milestoneShifts: shifts.map(({ milestoneId, days }) => ({ milestoneId, days })),
        }
      : { impact: 'none' };
  }
}

export class ScopeImpactDto {
  @ApiProperty(impactProperty)
  @IsIn(IMPACTS)
  impact!: Impact;

  @ApiPropertyOptional({ type: [ScopeItemDto], description: 'With "change": items added ([])' })
  @ChangeField({ optional: true })
  @IsArray()
  @ArrayMaxSize(MAX_SCOPE_ITEMS)
  @ValidateNested({ each: true })
  @Type(() => ScopeItemDto)
  add?: ScopeItemDto[];

  @ApiPropertyOptional({
    type: [String],
    description: 'With "change": ids of scope items removed ([])',
  })
  @ChangeField({ optional: true })
  @IsArray()
  @ArrayMaxSize(MAX_SCOPE_ITEMS)
  @IsResourceId({ each: true })
  remove?: string[];

  toImpact(): ScopeImpact {
    return this.impact === 'change'
      ? {
          impact: 'change',
          add: (this.add ?? []).map(({ id, title }) => ({ id, title })),
          remove: [...(this.remove ?? [])],
        }
      : { impact: 'none' };
  }
}

export class QualityImpactDto {
  @ApiProperty(impactProperty)
  @IsIn(IMPACTS)
  impact!: Impact;

  @ApiPropertyOptional({
    type: [QualityCriterionDto],
    description: 'With "change": criteria upserted by id',
  })
  @ChangeField()
  @IsArray()
  @ArrayMaxSize(MAX_QUALITY_CRITERIA)
  @ValidateNested({ each: true })
  @Type(() => QualityCriterionDto)
  criteria?: QualityCriterionDto[];

  toImpact(): QualityImpact {
    const criteria = this.criteria;
    return this.impact === 'change' && criteria
      ? {
          impact: 'change',
          criteria: criteria.map(({ id, criterion, target }) => ({ id, criterion, target })),
        }
      : { impact: 'none' };
  }
}
