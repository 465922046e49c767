import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { IsCleanText } from '../http/clean-text';
import { EffectiveAtDto } from '../http/effective-at.dto';

/**
 * A reference to another thing is `<kind>Id` in every body (as a contract's `customerId`); the
 * program is where the customer is first named, so it also takes `customerName`.
 */
export class CreateProgramDto extends EffectiveAtDto {
  @ApiProperty({ example: '5G RAN rollout, region North' })
  @IsCleanText({ maxLength: 200 })
  name!: string;

  @ApiProperty({ example: 'cust-telco-1', description: "The customer's id in the CRM" })
  @IsCleanText({ maxLength: 100 })
  customerId!: string;

  @ApiProperty({ example: 'Nordic Telco AB' })
  @IsCleanText({ maxLength: 200 })
  customerName!: string;

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
