import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsObject, IsOptional, ValidateNested } from 'class-validator';
import { IsCleanText } from '../http/clean-text';
import { IsCalendarDate } from '../http/calendar-date.decorator';
import { EffectiveAtDto } from '../http/effective-at.dto';
import { MoneyDto } from '../http/money.dto';
import { IsResourceId } from '@ledger/runtime';
import { MeasurementWindowDto } from './obligation-commands.dto';

export class RegisterContractDto extends EffectiveAtDto {
  @ApiProperty({ example: 'b7c1e0d4-5f6a-4b2c-8d9e-0a1b2c3d4e5f' })
  @IsResourceId()
  programId!: string;

  @ApiProperty({ example: 'cust-telco-1' })
  @IsCleanText({ maxLength: 100 })
  customerId!: string;

  @ApiProperty({ example: 'RAN modernisation, region North' })
  @IsCleanText({ maxLength: 200 })
  title!: string;

  @ApiProperty({ type: MoneyDto, description: 'Contract value (positive)' })
  @IsObject()
  @ValidateNested()
  @Type(() => MoneyDto)
  value!: MoneyDto;

  @ApiProperty({ example: '2026-01-15' })
  @IsCalendarDate()
  signedOn!: string;
}

export class DesignateKeyProjectDto extends EffectiveAtDto {
  @ApiProperty({ type: [String], example: ['contract value above 10 MEUR', 'strategic customer'] })
  @IsArray()
  @ArrayMaxSize(20)
  @IsCleanText({ maxLength: 500, each: true })
  criteria!: string[];

  @ApiProperty({ example: 'Largest rollout of the year for a strategic account' })
  @IsCleanText({ maxLength: 2000, multiline: true })
  reason!: string;
}

export class ChangeRequestRefDto {
  @ApiProperty({ description: 'The project (of this contract) the change request belongs to' })
  @IsResourceId()
  projectId!: string;

  @ApiProperty()
  @IsResourceId()
  changeRequestId!: string;
}

export class ObligationDueChangeDto {
  @ApiProperty()
  @IsResourceId()
  obligationId!: string;

  @ApiPropertyOptional({ example: '2026-09-30', description: 'Give this or measurementWindow' })
  @IsOptional()
  @IsCalendarDate()
  dueOn?: string;

  @ApiPropertyOptional({ type: MeasurementWindowDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => MeasurementWindowDto)
  measurementWindow?: MeasurementWindowDto;
}

export class AmendContractDto extends EffectiveAtDto {
  @ApiProperty({ example: 'Two extra sites; acceptance milestone moved by four weeks' })
  @IsCleanText({ maxLength: 2000, multiline: true })
  summary!: string;

  @ApiProperty({
    type: ChangeRequestRefDto,
    description: 'The approved change request with contractual impact that authorises this',
  })
  @IsObject()
  @ValidateNested()
  @Type(() => ChangeRequestRefDto)
  changeRequest!: ChangeRequestRefDto;

  @ApiProperty({ example: 'DOC-2026-0113 (signed addendum 2)' })
  @IsCleanText({ maxLength: 200 })
  customerSignatureRef!: string;

  @ApiPropertyOptional({ type: MoneyDto, description: 'The amended contract value' })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => MoneyDto)
  value?: MoneyDto;

  @ApiPropertyOptional({ type: [ObligationDueChangeDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => ObligationDueChangeDto)
  obligationDueChanges?: ObligationDueChangeDto[];
}
