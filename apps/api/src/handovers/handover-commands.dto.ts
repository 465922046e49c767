import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsOptional,
  ValidateNested,
} from 'class-validator';
import { IsCleanText } from '../http/clean-text';
import { HANDOVER_KINDS, type HandoverKind } from '@ledger/domain';
import { IsCalendarDate } from '../http/calendar-date.decorator';
import { EffectiveAtDto } from '../http/effective-at.dto';
import { IsResourceId } from '@ledger/runtime';

export class ChecklistItemDto {
  @ApiProperty({ example: 'signed-contract' })
  @IsResourceId()
  id!: string;

  @ApiProperty({ example: 'Signed contract and annexes', maxLength: 200 })
  @IsCleanText({ maxLength: 200 })
  title!: string;

  @ApiProperty({ example: true })
  @IsBoolean()
  mandatory!: boolean;
}

export class InitiateHandoverDto extends EffectiveAtDto {
  @ApiProperty({ enum: HANDOVER_KINDS, example: 'sell-to-execute' })
  @IsIn(HANDOVER_KINDS)
  kind!: HandoverKind;

  @ApiProperty({ type: [ChecklistItemDto], maxItems: 200 })
  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => ChecklistItemDto)
  items!: ChecklistItemDto[];
}

export class SubmitHandoverEvidenceDto extends EffectiveAtDto {
  @ApiProperty({ example: 'dms://contracts/ct-4711/signed.pdf', maxLength: 500 })
  @IsCleanText({ maxLength: 500 })
  ref!: string;

  @ApiPropertyOptional({ example: 'Annex C follows by mail', maxLength: 2000 })
  @IsOptional()
  @IsCleanText({ maxLength: 2000, multiline: true })
  note?: string;
}

/** `{note?}` on item acceptance and approval: recorded on the event (null when absent). */
export class HandoverNoteDto extends EffectiveAtDto {
  @ApiPropertyOptional({
    example: 'Checked against the SoW',
    maxLength: 2000,
    description: 'Recorded on HandoverItemAccepted / HandoverApproved',
  })
  @IsOptional()
  @IsCleanText({ maxLength: 2000, multiline: true })
  note?: string;
}

export class HandoverReasonDto extends EffectiveAtDto {
  @ApiProperty({ example: 'Bill of quantities does not match the signed scope', maxLength: 2000 })
  @IsCleanText({ maxLength: 2000, multiline: true })
  reason!: string;
}

export class HandoverConditionDto {
  @ApiProperty({ example: 'solution-design' })
  @IsResourceId()
  itemId!: string;

  @ApiProperty({ example: 'user-sam', maxLength: 100 })
  @IsCleanText({ maxLength: 100 })
  ownerId!: string;

  @ApiProperty({ example: '2026-05-15', description: 'YYYY-MM-DD, not before the approval' })
  @IsCalendarDate()
  dueOn!: string;
}

export class ApproveHandoverConditionallyDto extends EffectiveAtDto {
  @ApiProperty({
    type: [HandoverConditionDto],
    maxItems: 200,
    description: 'One per item not yet accepted: who closes it and by when',
  })
  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => HandoverConditionDto)
  conditions!: HandoverConditionDto[];
}
