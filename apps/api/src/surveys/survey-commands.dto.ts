import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsNumber, IsOptional } from 'class-validator';
import { IsCleanText } from '../http/clean-text';
import { IsCalendarDate } from '../http/calendar-date.decorator';
import { EffectiveAtDto } from '../http/effective-at.dto';
import { IsResourceId } from '@ledger/runtime';

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
  @IsResourceId({ each: true })
  respondentRefs?: string[];
}

export class RecordSurveyResponseDto extends EffectiveAtDto {
  @ApiPropertyOptional({
    description: 'Chosen by the client (e.g. the survey tool); generated when absent',
  })
  @IsOptional()
  @IsResourceId()
  responseId?: string;

  @ApiPropertyOptional({
    example: 'crm-contact-42',
    description: 'Required when the survey named its respondents; else optional (anonymous)',
  })
  @IsOptional()
  @IsResourceId()
  respondentRef?: string;

  @ApiProperty({ example: 9, description: 'Likelihood to recommend, whole number 0–10' })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  nps!: number;

  @ApiProperty({ example: 4, description: 'Satisfaction, whole number 1–5' })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  csat!: number;

  @ApiPropertyOptional({ example: 'Great crew, but the handover paperwork was late' })
  @IsOptional()
  @IsCleanText({ maxLength: 4000, multiline: true })
  verbatim?: string;
}
