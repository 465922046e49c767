import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { IsCalendarDate } from '../http/calendar-date.decorator';
import { EffectiveAtDto } from '../http/effective-at.dto';
import { MoneyDto } from '../http/money.dto';
import { IsResourceId } from '../http/resource-id';
import { MeasurementWindowDto } from './obligation-commands.dto';

export class RegisterContractDto extends EffectiveAtDto {
  @ApiProperty({ example: 'b7c1e0d4-…' })
  @IsResourceId()
  programId!: string;

  @ApiProperty({ example: 'cust-telco-1' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  customerId!: string;

  @ApiProperty({ example: 'RAN modernisation, region North' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
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
  @IsString({ each: true })
  @MaxLength(500, { each: true })
  criteria!: string[];

  @ApiProperty({ example: 'Largest rollout of the year for a strategic account' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
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
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
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
  @IsString()
  @MaxLength(200)
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
