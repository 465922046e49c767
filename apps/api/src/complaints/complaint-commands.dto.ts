import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional } from 'class-validator';
import { IsCleanText } from '../http/clean-text';
import {
  COMPLAINT_CHANNELS,
  COMPLAINT_SEVERITIES,
  type ComplaintChannel,
  type ComplaintSeverity,
} from '@ledger/domain';
import { IsCalendarDate } from '../http/calendar-date.decorator';
import { EffectiveAtDto } from '../http/effective-at.dto';
import { IsResourceId } from '@ledger/runtime';

export class ReceiveComplaintDto extends EffectiveAtDto {
  @ApiProperty({ example: '2026-03-01', description: 'Calendar date the customer raised it' })
  @IsCalendarDate()
  receivedOn!: string;

  @ApiProperty({ enum: COMPLAINT_CHANNELS, example: 'email' })
  @IsIn(COMPLAINT_CHANNELS)
  channel!: ComplaintChannel;

  @ApiProperty({ example: 'Site crew left cabinet doors open' })
  @IsCleanText({ maxLength: 2000, multiline: true })
  summary!: string;

  @ApiProperty({
    example: 'crm-contact-42',
    description: 'Id of the customer contact in the CRM, never a name or an address',
  })
  @IsResourceId()
  customerContactRef!: string;

  @ApiProperty({ description: 'Health & safety related: makes the complaint top priority' })
  @IsBoolean()
  hsRelated!: boolean;
}

export class AssessComplaintDto extends EffectiveAtDto {
  @ApiProperty({ enum: COMPLAINT_SEVERITIES, example: 'medium' })
  @IsIn(COMPLAINT_SEVERITIES)
  severity!: ComplaintSeverity;

  @ApiProperty({
    example: '2026-03-16',
    description: 'Not before the assessment date; within 2 days of it for an H&S complaint',
  })
  @IsCalendarDate()
  dueOn!: string;
}

export class InvestigateComplaintDto extends EffectiveAtDto {
  @ApiProperty({ example: 'No close-out checklist for site visits' })
  @IsCleanText({ maxLength: 4000, multiline: true })
  findings!: string;
}

export class RespondToComplaintDto extends EffectiveAtDto {
  @ApiProperty({ example: 'A close-out checklist is now part of every site visit' })
  @IsCleanText({ maxLength: 4000, multiline: true })
  response!: string;

  @ApiProperty({ example: '2026-03-05' })
  @IsCalendarDate()
  respondedOn!: string;
}

export class CloseComplaintDto extends EffectiveAtDto {
  @ApiProperty()
  @IsBoolean()
  customerSatisfied!: boolean;

  @ApiPropertyOptional({ description: 'Required when the customer is not satisfied' })
  @IsOptional()
  @IsCleanText({ maxLength: 2000, multiline: true })
  note?: string;
}

export class ReopenComplaintDto extends EffectiveAtDto {
  @ApiProperty({ example: 'Customer reports the doors were left open again' })
  @IsCleanText({ maxLength: 2000, multiline: true })
  reason!: string;
}

export class LinkCorrectiveActionDto extends EffectiveAtDto {
  @ApiProperty({ description: 'A corrective action of this project raised from this complaint' })
  @IsResourceId()
  capaId!: string;
}
