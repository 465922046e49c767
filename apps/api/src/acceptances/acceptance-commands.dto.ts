import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsObject, IsOptional, ValidateNested } from 'class-validator';
import { IsCleanText } from '../http/clean-text';
import {
  ACCEPTANCE_CERTIFICATES,
  ACCEPTANCE_OBJECT_KINDS,
  ACCEPTANCE_TEST_RESULTS,
  PUNCH_ITEM_SEVERITIES,
  type AcceptanceCertificate,
  type AcceptanceObjectKind,
  type AcceptanceTestResult,
  type PunchItemSeverity,
} from '@ledger/domain';
import { IsCalendarDate } from '../http/calendar-date.decorator';
import { EffectiveAtDto } from '../http/effective-at.dto';
import { IsResourceId } from '@ledger/runtime';

export class AcceptanceObjectDto {
  @ApiProperty({ enum: ACCEPTANCE_OBJECT_KINDS })
  @IsIn(ACCEPTANCE_OBJECT_KINDS)
  kind!: AcceptanceObjectKind;

  @ApiProperty({ example: 'SITE-N1-0042', description: 'Id in the network inventory / plan' })
  @IsCleanText({ maxLength: 100 })
  ref!: string;

  @ApiProperty({ example: 'Macro site Nordby 42' })
  @IsCleanText({ maxLength: 200 })
  title!: string;
}

export class OpenAcceptanceDto extends EffectiveAtDto {
  @ApiProperty({ type: AcceptanceObjectDto })
  @IsObject()
  @ValidateNested()
  @Type(() => AcceptanceObjectDto)
  object!: AcceptanceObjectDto;

  @ApiPropertyOptional({ description: "An obligation of the project's contract this fulfils" })
  @IsOptional()
  @IsResourceId()
  obligationId?: string;

  @ApiPropertyOptional({
    enum: ACCEPTANCE_CERTIFICATES,
    description: 'Which certificate fulfils the obligation (default pac); only with obligationId',
  })
  @IsOptional()
  @IsIn(ACCEPTANCE_CERTIFICATES)
  fulfilledBy?: AcceptanceCertificate;

  @ApiPropertyOptional({ example: 12, description: 'Warranty months from the PAC (default 12)' })
  @IsOptional()
  @IsInt()
  warrantyMonths?: number;
}

export class ScheduleAcceptanceTestDto extends EffectiveAtDto {
  @ApiProperty({ example: 'sat-1' })
  @IsResourceId()
  testId!: string;

  @ApiProperty({ example: '2026-05-12' })
  @IsCalendarDate()
  scheduledOn!: string;
}

export class RecordAcceptanceTestResultDto extends EffectiveAtDto {
  @ApiProperty({ enum: ACCEPTANCE_TEST_RESULTS })
  @IsIn(ACCEPTANCE_TEST_RESULTS)
  result!: AcceptanceTestResult;

  @ApiPropertyOptional({ example: 'All KPIs within target; two minor labelling issues' })
  @IsOptional()
  @IsCleanText({ maxLength: 2000, multiline: true })
  notes?: string;
}

export class RaisePunchItemDto extends EffectiveAtDto {
  @ApiProperty({ example: 'pi-1' })
  @IsResourceId()
  itemId!: string;

  @ApiProperty({ enum: PUNCH_ITEM_SEVERITIES, description: 'A = blocking, B = minor' })
  @IsIn(PUNCH_ITEM_SEVERITIES)
  severity!: PunchItemSeverity;

  @ApiProperty({ example: 'Antenna tilt outside tolerance on sector 2' })
  @IsCleanText({ maxLength: 2000, multiline: true })
  description!: string;
}

export class ClearanceEvidenceDto {
  @ApiProperty({ example: 'PHOTO-2026-0512-07' })
  @IsCleanText({ maxLength: 200 })
  ref!: string;

  @ApiPropertyOptional({ example: 'Re-tilted and re-measured' })
  @IsOptional()
  @IsCleanText({ maxLength: 2000, multiline: true })
  note?: string;
}

export class ClearPunchItemDto extends EffectiveAtDto {
  @ApiProperty({ type: ClearanceEvidenceDto })
  @IsObject()
  @ValidateNested()
  @Type(() => ClearanceEvidenceDto)
  evidence!: ClearanceEvidenceDto;
}

export class IssueCertificateDto extends EffectiveAtDto {
  @ApiPropertyOptional({ description: 'The certificate id; generated when absent' })
  @IsOptional()
  @IsResourceId()
  certificateId?: string;

  @ApiProperty({ example: '2026-05-20' })
  @IsCalendarDate()
  issuedOn!: string;
}

export class RejectAcceptanceDto extends EffectiveAtDto {
  @ApiProperty({ example: 'KPI drive test failed on two sectors' })
  @IsCleanText({ maxLength: 2000, multiline: true })
  reason!: string;
}
