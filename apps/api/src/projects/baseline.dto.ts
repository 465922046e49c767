import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsObject, IsOptional, ValidateNested } from 'class-validator';
import { IsCleanText } from '../http/clean-text';
import { IsCalendarDate } from '../http/calendar-date.decorator';
import { EffectiveAtDto } from '../http/effective-at.dto';
import { MoneyDto } from '../http/money.dto';
import { IsResourceId } from '@ledger/runtime';

export class ScopeItemDto {
  @ApiProperty({ example: 's1' })
  @IsResourceId()
  id!: string;

  @ApiProperty({ example: 'Core sites' })
  @IsCleanText({ maxLength: 200 })
  title!: string;
}

export class MilestoneDto {
  @ApiProperty({ example: 'm1' })
  @IsResourceId()
  id!: string;

  @ApiProperty({ example: 'Core network ready' })
  @IsCleanText({ maxLength: 200 })
  title!: string;

  @ApiProperty({ example: '2026-09-30' })
  @IsCalendarDate()
  dueOn!: string;

  @ApiPropertyOptional({ description: 'The contract obligation this milestone fulfils' })
  @IsOptional()
  @IsResourceId()
  obligationId?: string;
}

export class QualityCriterionDto {
  @ApiProperty({ example: 'q1' })
  @IsResourceId()
  id!: string;

  @ApiProperty({ example: 'Link availability' })
  @IsCleanText({ maxLength: 500 })
  criterion!: string;

  @ApiProperty({ example: '99.95 %' })
  @IsCleanText({ maxLength: 500 })
  target!: string;
}

export const MAX_SCOPE_ITEMS = 1000;
export const MAX_MILESTONES = 500;
export const MAX_QUALITY_CRITERIA = 200;

export class EstablishBaselineDto extends EffectiveAtDto {
  @ApiProperty({ type: MoneyDto, description: 'Budget at completion (BAC)' })
  @IsObject()
  @ValidateNested()
  @Type(() => MoneyDto)
  budget!: MoneyDto;

  @ApiProperty({ type: [ScopeItemDto] })
  @IsArray()
  @ArrayMaxSize(MAX_SCOPE_ITEMS)
  @ValidateNested({ each: true })
  @Type(() => ScopeItemDto)
  scope!: ScopeItemDto[];

  @ApiProperty({ type: [MilestoneDto] })
  @IsArray()
  @ArrayMaxSize(MAX_MILESTONES)
  @ValidateNested({ each: true })
  @Type(() => MilestoneDto)
  milestones!: MilestoneDto[];

  @ApiProperty({ type: [QualityCriterionDto] })
  @IsArray()
  @ArrayMaxSize(MAX_QUALITY_CRITERIA)
  @ValidateNested({ each: true })
  @Type(() => QualityCriterionDto)
  quality!: QualityCriterionDto[];
}
