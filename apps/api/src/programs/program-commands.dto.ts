import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsObject, IsOptional, ValidateNested } from 'class-validator';
import { IsCleanText } from '../http/clean-text';
import { EffectiveAtDto } from '../http/effective-at.dto';

export class CustomerRefDto {
  @ApiProperty({ example: 'cust-telco-1' })
  @IsCleanText({ maxLength: 100 })
  id!: string;

  @ApiProperty({ example: 'Nordic Telco AB' })
  @IsCleanText({ maxLength: 200 })
  name!: string;
}

export class CreateProgramDto extends EffectiveAtDto {
  @ApiProperty({ example: '5G RAN rollout, region North' })
  @IsCleanText({ maxLength: 200 })
  name!: string;

  @ApiProperty({ type: CustomerRefDto })
  @IsObject()
  @ValidateNested()
  @Type(() => CustomerRefDto)
  customer!: CustomerRefDto;

  @ApiPropertyOptional({ example: 'user-bob', description: 'Program manager, if already named' })
  @IsOptional()
  @IsCleanText({ maxLength: 100 })
  managerId?: string;
}

export class AssignProgramManagerDto extends EffectiveAtDto {
  @ApiProperty({ example: 'user-bob' })
  @IsCleanText({ maxLength: 100 })
  managerId!: string;
}

export class CloseProgramDto extends EffectiveAtDto {
  @ApiProperty({ example: 'Business benefit delivered and accepted' })
  @IsCleanText({ maxLength: 2000, multiline: true })
  reason!: string;
}

export class DetachProjectDto extends EffectiveAtDto {
  @ApiProperty({ example: 'Descoped by the customer; continues as a standalone project' })
  @IsCleanText({ maxLength: 2000, multiline: true })
  reason!: string;
}
