import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsISO8601,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  MaxLength,
  ValidateNested,
} from 'class-validator';

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

export class CreateProgramDto {
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

  @ApiPropertyOptional({
    description: 'Business time the program starts (ISO 8601); defaults to now',
  })
  @IsOptional()
  @IsISO8601({ strict: true, strictSeparator: true })
  effectiveAt?: string;
}
