import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsNumber, IsOptional, Max } from 'class-validator';
import { IsCleanText } from '../http/clean-text';
import { IsOffsetDateTime } from '../http/date-time.decorator';
import { INCIDENT_CLASSIFICATIONS, type IncidentClassification } from '@ledger/domain';
import { EffectiveAtDto } from '../http/effective-at.dto';
import { IsResourceId } from '@ledger/runtime';

/**
 * Deliberately no injury, body-part or medical field (DOMAIN.md: no medical detail in events).
 * Unknown fields are refused globally, so such detail cannot slip in under another name either.
 */
export class ReportSafetyIncidentDto extends EffectiveAtDto {
  @ApiProperty({ example: '2026-03-10T14:20:00+01:00', description: 'ISO 8601 with an offset' })
  @IsOffsetDateTime()
  occurredAt!: string;

  @ApiProperty({ example: 'site-7' })
  @IsResourceId()
  siteId!: string;

  @ApiProperty({
    example: 'Ladder slipped while mounting an antenna',
    description: 'What happened (the event), not anyone’s injury',
  })
  @IsCleanText({ maxLength: 4000, multiline: true })
  description!: string;

  @ApiProperty({
    type: [String],
    example: ['emp-1042'],
    description: 'People involved, by id only (no names, no medical detail)',
  })
  @IsArray()
  @ArrayMaxSize(100)
  @IsCleanText({ maxLength: 128, each: true })
  personRefs!: string[];
}

export class ClassifySafetyIncidentDto extends EffectiveAtDto {
  @ApiProperty({ enum: INCIDENT_CLASSIFICATIONS, example: 'lost-time-injury' })
  @IsIn(INCIDENT_CLASSIFICATIONS)
  classification!: IncidentClassification;
}

export class ReclassifySafetyIncidentDto extends ClassifySafetyIncidentDto {
  @ApiProperty({ example: 'Physician confirmed restricted duties only' })
  @IsCleanText({ maxLength: 2000, multiline: true })
  reason!: string;
}

export class RecordLostDaysDto extends EffectiveAtDto {
  @ApiProperty({ example: 3, description: 'Total calendar days lost to date (not an increment)' })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Max(3_650) // ten years: lost days are summed across incidents; beyond is a typo, not a fact
  lostDays!: number;

  @ApiPropertyOptional({ description: 'Required when the total goes down (a correction)' })
  @IsOptional()
  @IsCleanText({ maxLength: 2000, multiline: true })
  reason?: string;
}

export class InvestigateSafetyIncidentDto extends EffectiveAtDto {
  @ApiProperty({ example: 'Ladder not tied off; no second person present' })
  @IsCleanText({ maxLength: 4000, multiline: true })
  findings!: string;

  @ApiPropertyOptional({ description: 'Reference to the root-cause analysis, e.g. a CAPA id' })
  @IsOptional()
  @IsResourceId()
  rootCauseRef?: string;
}

export class CloseSafetyIncidentDto extends EffectiveAtDto {
  @ApiPropertyOptional({ example: 'Actions tracked in the linked CAPA' })
  @IsOptional()
  @IsCleanText({ maxLength: 2000, multiline: true })
  note?: string;
}
