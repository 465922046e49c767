import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsNumber, IsObject, IsOptional, Max, ValidateNested } from 'class-validator';
import { IsCleanText } from '../http/clean-text';
import {
  OBLIGATION_EVIDENCE_KINDS,
  OBLIGATION_KINDS,
  REMEDY_KINDS,
  type ObligationEvidenceKind,
  type ObligationKind,
  type RemedyKind,
} from '@ledger/domain';
import { IsCalendarDate } from '../http/calendar-date.decorator';
import { EffectiveAtDto } from '../http/effective-at.dto';
import { MoneyDto } from '../http/money.dto';

export class MeasurementWindowDto {
  @ApiProperty({ example: '2026-07-01' })
  @IsCalendarDate()
  from!: string;

  @ApiProperty({ example: '2026-09-30' })
  @IsCalendarDate()
  to!: string;
}

export class ObligationRemedyDto {
  @ApiProperty({ enum: REMEDY_KINDS })
  @IsIn(REMEDY_KINDS)
  kind!: RemedyKind;

  @ApiProperty({ example: 0.5, description: 'Percent of the contract value per started week late' })
  @IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 4 })
  @Max(100)
  ratePerWeekPct!: number;

  @ApiProperty({ example: 10, description: 'Percent of the contract value, at most, in total' })
  @IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 4 })
  capPct!: number;

  @ApiPropertyOptional({
    example: 7,
    description: 'Days after the deadline before lateness counts',
  })
  @IsOptional()
  @IsInt()
  @Max(3_650)
  graceDays?: number;
}

export class RegisterObligationDto extends EffectiveAtDto {
  @ApiProperty({ enum: OBLIGATION_KINDS })
  @IsIn(OBLIGATION_KINDS)
  kind!: ObligationKind;

  @ApiProperty({ example: 'PAC of all sites in cluster North-1' })
  @IsCleanText({ maxLength: 200 })
  title!: string;

  @ApiPropertyOptional({ example: '2026-06-30', description: 'Give this or measurementWindow' })
  @IsOptional()
  @IsCalendarDate()
  dueOn?: string;

  @ApiPropertyOptional({ type: MeasurementWindowDto, description: 'For SLA-style obligations' })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => MeasurementWindowDto)
  measurementWindow?: MeasurementWindowDto;

  @ApiPropertyOptional({ example: 'Signed PAC per site', description: 'What proves it is met' })
  @IsOptional()
  @IsCleanText({ maxLength: 2000, multiline: true })
  evidenceRule?: string;

  @ApiPropertyOptional({ type: ObligationRemedyDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => ObligationRemedyDto)
  remedy?: ObligationRemedyDto;
}

export class ObligationEvidenceDto {
  @ApiProperty({ enum: OBLIGATION_EVIDENCE_KINDS })
  @IsIn(OBLIGATION_EVIDENCE_KINDS)
  kind!: ObligationEvidenceKind;

  @ApiProperty({ example: 'DOC-2026-0042' })
  @IsCleanText({ maxLength: 200 })
  ref!: string;
}

export class RecordObligationFulfilledDto extends EffectiveAtDto {
  @ApiProperty({ example: '2026-06-28' })
  @IsCalendarDate()
  fulfilledOn!: string;

  @ApiProperty({ type: ObligationEvidenceDto })
  @IsObject()
  @ValidateNested()
  @Type(() => ObligationEvidenceDto)
  evidence!: ObligationEvidenceDto;
}

export class RecordObligationMissedDto extends EffectiveAtDto {
  @ApiProperty({ example: 'Customer site access delayed the last two sites' })
  @IsCleanText({ maxLength: 2000, multiline: true })
  reason!: string;
}

export class AccrueLiquidatedDamagesDto extends EffectiveAtDto {
  @ApiProperty({
    example: '2026-07-31',
    description: 'Accrue what the LD clause gives as of this day',
  })
  @IsCalendarDate()
  asOf!: string;
}

export class WaiveLiquidatedDamagesDto extends EffectiveAtDto {
  @ApiProperty({ type: MoneyDto })
  @IsObject()
  @ValidateNested()
  @Type(() => MoneyDto)
  amount!: MoneyDto;

  @ApiProperty({ example: 'Delay caused by the customer (site access), agreed in steering board' })
  @IsCleanText({ maxLength: 2000, multiline: true })
  reason!: string;
}
