import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNumber, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { EffectiveAtDto } from '../http/effective-at.dto';
import { ID, ID_MESSAGE } from './safety-incident-commands.dto';

export class RecordExposureHoursDto extends EffectiveAtDto {
  @ApiPropertyOptional({ description: 'Id of the new entry; generated when absent' })
  @IsOptional()
  @IsString()
  @Matches(ID, { message: ID_MESSAGE })
  entryId?: string;

  @ApiProperty({ example: 'site-7' })
  @IsString()
  @Matches(ID, { message: ID_MESSAGE })
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
