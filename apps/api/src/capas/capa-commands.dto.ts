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
import {
  CAPA_SOURCES,
  ROOT_CAUSE_METHODS,
  type CapaSource,
  type RootCauseMethod,
} from '@ledger/domain';
import { IsCalendarDate } from '../http/calendar-date.decorator';
import { EffectiveAtDto } from '../http/effective-at.dto';
import { IsResourceId } from '@ledger/runtime';

export class OpenCorrectiveActionDto extends EffectiveAtDto {
  @ApiProperty({ enum: CAPA_SOURCES, example: 'complaint' })
  @IsIn(CAPA_SOURCES)
  source!: CapaSource;

  @ApiProperty({ description: 'Id of the complaint, incident, audit or lesson it was raised from' })
  @IsResourceId()
  sourceRef!: string;

  @ApiProperty({ example: 'Cabinet doors left open after site visits' })
  @IsCleanText({ maxLength: 4000, multiline: true })
  problemStatement!: string;
}

export class RecordContainmentDto extends EffectiveAtDto {
  @ApiProperty({ example: 'All cabinets on the affected sites checked and locked' })
  @IsCleanText({ maxLength: 4000, multiline: true })
  actionTaken!: string;
}

export class RecordRootCauseDto extends EffectiveAtDto {
  @ApiProperty({ enum: ROOT_CAUSE_METHODS, example: '5-whys' })
  @IsIn(ROOT_CAUSE_METHODS)
  method!: RootCauseMethod;

  @ApiProperty({ example: 'No close-out checklist for site visits' })
  @IsCleanText({ maxLength: 4000, multiline: true })
  statement!: string;
}

export class AddCorrectiveActionDto extends EffectiveAtDto {
  @ApiPropertyOptional({ description: 'Chosen by the client; generated when absent' })
  @IsOptional()
  @IsResourceId()
  actionId?: string;

  @ApiProperty({ example: 'Add a close-out checklist to the site-visit procedure' })
  @IsCleanText({ maxLength: 4000, multiline: true })
  description!: string;

  @ApiProperty({ example: 'user-carol', description: 'Id of the person who owns the action' })
  @IsResourceId()
  ownerId!: string;

  @ApiProperty({ example: '2026-04-15' })
  @IsCalendarDate()
  dueOn!: string;
}

export class CompleteCorrectiveActionDto extends EffectiveAtDto {
  @ApiPropertyOptional({ example: 'Procedure rev. 4 published' })
  @IsOptional()
  @IsCleanText({ maxLength: 4000, multiline: true })
  evidence?: string;
}

export class EffectivenessCriterionDto {
  @ApiProperty({ example: 'no-repeat-90d' })
  @IsResourceId()
  criterionId!: string;

  @ApiProperty({ example: 'No repeat complaint within 90 days' })
  @IsCleanText({ maxLength: 2000, multiline: true })
  description!: string;
}

export class DefineEffectivenessCriteriaDto extends EffectiveAtDto {
  @ApiProperty({ type: [EffectivenessCriterionDto] })
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => EffectivenessCriterionDto)
  criteria!: EffectivenessCriterionDto[];
}

export class EffectivenessResultDto {
  @ApiProperty({ example: 'no-repeat-90d' })
  @IsResourceId()
  criterionId!: string;

  @ApiProperty()
  @IsBoolean()
  met!: boolean;

  @ApiPropertyOptional({ example: 'No repeat since the checklist was introduced' })
  @IsOptional()
  @IsCleanText({ maxLength: 2000, multiline: true })
  observation?: string;
}

export class RecordEffectivenessCheckDto extends EffectiveAtDto {
  @ApiProperty({
    type: [EffectivenessResultDto],
    description: 'Exactly one result per defined criterion',
  })
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => EffectivenessResultDto)
  results!: EffectivenessResultDto[];
}

export class CloseCorrectiveActionDto extends EffectiveAtDto {
  @ApiPropertyOptional({ example: 'Verified effective; lessons shared with all regions' })
  @IsOptional()
  @IsCleanText({ maxLength: 2000, multiline: true })
  note?: string;
}
