import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNumber, IsOptional, IsString, MaxLength } from 'class-validator';
import { EffectiveAtDto } from '../http/effective-at.dto';
import { IsResourceId } from '../http/resource-id';

export class RecordExposureHoursDto extends EffectiveAtDto {
  @ApiPropertyOptional({ description: 'Id of the new entry; generated when absent' })
  @IsOptional()
  @IsResourceId()
  entryId?: string;

  @ApiProperty({ example: 'site-7' })
  @IsResourceId()
  siteId!: string;

  @ApiProperty({ example: '2026-03', description: 'Calendar month YYYY-MM that has started' })
  @IsString()
  @MaxLength(20)
  periodId!: string;

  @ApiProperty({ example: 1200, description: 'Whole hours worked on the site in the month' })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  hours!: number;
}

export class CorrectExposureHoursDto extends EffectiveAtDto {
  @ApiProperty({ example: 1250 })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  hours!: number;

  @ApiProperty({ example: 'Late subcontractor timesheets' })
  @IsString()
  @MaxLength(2000)
  reason!: string;
}
