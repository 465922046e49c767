import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNumber, IsOptional, Max } from 'class-validator';
import { IsCleanText } from '../http/clean-text';
import { EffectiveAtDto } from '../http/effective-at.dto';
import { IsResourceId } from '@ledger/runtime';

/**
 * Hours of one site in one month: 1,000,000 is over 1,300 people round the clock, and keeps the
 * sums of the H&S figures (hours over every site and month) exact integers.
 */
const MAX_SITE_HOURS_PER_MONTH = 1_000_000;

export class RecordExposureHoursDto extends EffectiveAtDto {
  @ApiPropertyOptional({ description: 'Id of the new entry; generated when absent' })
  @IsOptional()
  @IsResourceId()
  entryId?: string;

  @ApiProperty({ example: 'site-7' })
  @IsResourceId()
  siteId!: string;

  @ApiProperty({ example: '2026-03', description: 'Calendar month YYYY-MM that has started' })
  @IsCleanText({ maxLength: 20 })
  periodId!: string;

  @ApiProperty({ example: 1200, description: 'Whole hours worked on the site in the month' })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Max(MAX_SITE_HOURS_PER_MONTH)
  hours!: number;
}

export class CorrectExposureHoursDto extends EffectiveAtDto {
  @ApiProperty({ example: 1250 })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Max(MAX_SITE_HOURS_PER_MONTH)
  hours!: number;

  @ApiProperty({ example: 'Late subcontractor timesheets' })
  @IsCleanText({ maxLength: 2000, multiline: true })
  reason!: string;
}
