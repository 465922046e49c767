import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { EffectiveAtDto } from '../http/effective-at.dto';

export class CustomerRefDto {
  @ApiProperty({ example: 'cust-telco-1' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  id!: string;

  @ApiProperty({ example: 'Nordic Telco AB' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;
}

export class CreateProgramDto extends EffectiveAtDto {
  @ApiProperty({ example: '5G RAN rollout, region North' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;

  @ApiProperty({ type: CustomerRefDto })
  @IsObject()
  @ValidateNested()
  @Type(() => CustomerRefDto)
  customer!: CustomerRefDto;

  @ApiPropertyOptional({ example: 'user-bob', description: 'Program manager, if already named' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  managerId?: string;
}

export class AssignProgramManagerDto extends EffectiveAtDto {
  @ApiProperty({ example: 'user-bob' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  managerId!: string;
}

export class CloseProgramDto extends EffectiveAtDto {
  @ApiProperty({ example: 'Business benefit delivered and accepted' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason!: string;
}

export class DetachProjectDto extends EffectiveAtDto {
  @ApiProperty({ example: 'Descoped by the customer; continues as a standalone project' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason!: string;
}
