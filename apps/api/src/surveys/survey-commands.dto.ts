import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsNumber,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
} from 'class-validator';
import { IsCalendarDate } from '../http/calendar-date.decorator';
import { EffectiveAtDto } from '../http/effective-at.dto';

/** Ids that end up in events and are referred to later: the same shape as path ids. */
const ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}$/;
const ID_MESSAGE =
  '$property must be 1–100 letters, digits or . _ : - (starting with one of the first two)';

export class IssueSurveyDto extends EffectiveAtDto {
  @ApiProperty({ example: '2026-06-30' })
  @IsCalendarDate()
  issuedOn!: string;

  @ApiPropertyOptional({
    type: [String],
    example: ['crm-contact-42', 'crm-contact-43'],
    description: 'Customer contacts (CRM ids) asked to respond; absent for an open survey',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(1000)
  @IsString({ each: true })
  @Matches(ID, { each: true, message: ID_MESSAGE })
  respondentRefs?: string[];
}

export class RecordSurveyResponseDto extends EffectiveAtDto {
  @ApiPropertyOptional({
    description: 'Chosen by the client (e.g. the survey tool); generated when absent',
  })
  @IsOptional()
  @IsString()
  @Matches(ID, { message: ID_MESSAGE })
  responseId?: string;

  @ApiPropertyOptional({
    example: 'crm-contact-42',
    description: 'Required when the survey named its respondents; else optional (anonymous)',
  })
  @IsOptional()
  @IsString()
  @Matches(ID, { message: ID_MESSAGE })
  respondentRef?: string;

  @ApiProperty({ example: 9, description: 'Likelihood to recommend, whole number 0–10' })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  nps!: number;

  @ApiProperty({ example: 4, description: 'Satisfaction, whole number 1–5' })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  csat!: number;

  @ApiPropertyOptional({ example: 'Great crew, but the handover paperwork was late' })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  verbatim?: string;
}
