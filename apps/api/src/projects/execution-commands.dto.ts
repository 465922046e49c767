import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsNumber,
  IsObject,
  IsOptional,
  ValidateNested,
} from 'class-validator';
import { IsCleanText } from '../http/clean-text';
import { IsCalendarDate } from '../http/calendar-date.decorator';
import { EffectiveAtDto } from '../http/effective-at.dto';
import { MoneyDto } from '../http/money.dto';
import { IsResourceId } from '@ledger/runtime';
import { MAX_MILESTONES, MAX_SCOPE_ITEMS } from './baseline.dto';

export class OpenReportingPeriodDto extends EffectiveAtDto {
  @ApiProperty({ example: '2026-04' })
  @IsResourceId()
  periodId!: string;

  @ApiProperty({ example: '2026-04-01' })
  @IsCalendarDate()
  startsOn!: string;

  @ApiProperty({ example: '2026-04-30' })
  @IsCalendarDate()
  endsOn!: string;
}

export class ScopeItemProgressDto {
  @ApiProperty({ example: 's1' })
  @IsResourceId()
  scopeItemId!: string;

  @ApiProperty({ example: 40, description: 'Cumulative percent complete, 0–100' })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  percentComplete!: number;
}

export class ReportProgressDto extends EffectiveAtDto {
  @ApiPropertyOptional({
    example: 'rep-2026-04-a',
    description: 'Client-chosen id (a feed retries with it); generated when absent',
  })
  @IsOptional()
  @IsResourceId()
  reportId?: string;

  @ApiProperty({ example: '2026-04' })
  @IsResourceId()
  periodId!: string;

  @ApiProperty({ type: [ScopeItemProgressDto] })
  @IsArray()
  @ArrayMaxSize(MAX_SCOPE_ITEMS)
  @ValidateNested({ each: true })
  @Type(() => ScopeItemProgressDto)
  items!: ScopeItemProgressDto[];
}

export class CorrectProgressDto extends EffectiveAtDto {
  @ApiProperty({ type: [ScopeItemProgressDto], description: 'Replace the items of the report' })
  @IsArray()
  @ArrayMaxSize(MAX_SCOPE_ITEMS)
  @ValidateNested({ each: true })
  @Type(() => ScopeItemProgressDto)
  items!: ScopeItemProgressDto[];

  @ApiProperty({ example: 'Site s2 was double counted' })
  @IsCleanText({ maxLength: 2000, multiline: true })
  reason!: string;
}

export class RecordActualCostDto extends EffectiveAtDto {
  @ApiProperty({
    example: 'INV/2026/00123',
    description: 'The ERP document (invoice, timesheet batch, credit note): the idempotency key',
  })
  @IsCleanText({ maxLength: 100 })
  erpDocumentId!: string;

  @ApiProperty({ type: MoneyDto, description: 'Negative for a credit note' })
  @IsObject()
  @ValidateNested()
  @Type(() => MoneyDto)
  amount!: MoneyDto;

  @ApiProperty({ example: '2026-04-15', description: 'ERP posting date' })
  @IsCalendarDate()
  postedOn!: string;
}

export class MilestoneForecastDto {
  @ApiProperty({ example: 'm2' })
  @IsResourceId()
  milestoneId!: string;

  @ApiProperty({ example: '2026-12-20' })
  @IsCalendarDate()
  forecastOn!: string;
}

export class SubmitForecastDto extends EffectiveAtDto {
  @ApiProperty({ type: [MilestoneForecastDto] })
  @IsArray()
  @ArrayMaxSize(MAX_MILESTONES)
  @ValidateNested({ each: true })
  @Type(() => MilestoneForecastDto)
  milestones!: MilestoneForecastDto[];

  @ApiPropertyOptional({
    type: MoneyDto,
    description: 'Bottom-up estimate to complete; the estimate at completion is computed',
  })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => MoneyDto)
  estimateToComplete?: MoneyDto;
}
