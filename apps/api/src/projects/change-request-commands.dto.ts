import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsObject,
  IsOptional,
  ValidateNested,
} from 'class-validator';
import { IsCleanText } from '../http/clean-text';
import {
  CHANGE_REQUEST_CATEGORIES,
  CHANGE_REQUEST_ORIGINS,
  CHANGE_REQUEST_OUTCOMES,
  type ChangeRequestCategory,
  type ChangeRequestOrigin,
  type ChangeRequestOutcome,
} from '@ledger/domain';
import { EffectiveAtDto } from '../http/effective-at.dto';
import { IsResourceId } from '@ledger/runtime';
import {
  CostImpactDto,
  QualityImpactDto,
  ScheduleImpactDto,
  ScopeImpactDto,
} from './change-request-impact.dto';

export class RaiseChangeRequestDto extends EffectiveAtDto {
  @ApiProperty({ example: 'Add two depot sites' })
  @IsCleanText({ maxLength: 200 })
  title!: string;

  @ApiProperty({ enum: CHANGE_REQUEST_ORIGINS })
  @IsIn(CHANGE_REQUEST_ORIGINS)
  origin!: ChangeRequestOrigin;

  @ApiProperty({ enum: CHANGE_REQUEST_CATEGORIES, isArray: true, example: ['scope', 'cost'] })
  @IsArray()
  @ArrayMaxSize(CHANGE_REQUEST_CATEGORIES.length * 2)
  @IsIn(CHANGE_REQUEST_CATEGORIES, { each: true })
  categories!: ChangeRequestCategory[];

  @ApiProperty({ example: 'Customer asks for coverage of the new depot' })
  @IsCleanText({ maxLength: 4000, multiline: true })
  justification!: string;

  @ApiPropertyOptional({ description: 'A decided change request this one revisits' })
  @IsOptional()
  @IsResourceId()
  supersedes?: string;
}

export class AssessChangeRequestDto extends EffectiveAtDto {
  @ApiProperty({ type: CostImpactDto })
  @IsObject()
  @ValidateNested()
  @Type(() => CostImpactDto)
  cost!: CostImpactDto;

  @ApiProperty({ type: ScheduleImpactDto })
  @IsObject()
  @ValidateNested()
  @Type(() => ScheduleImpactDto)
  schedule!: ScheduleImpactDto;

  @ApiProperty({ type: ScopeImpactDto })
  @IsObject()
  @ValidateNested()
  @Type(() => ScopeImpactDto)
  scope!: ScopeImpactDto;

  @ApiProperty({ type: QualityImpactDto })
  @IsObject()
  @ValidateNested()
  @Type(() => QualityImpactDto)
  quality!: QualityImpactDto;

  @ApiPropertyOptional({
    description:
      'Whether the change touches the contract; defaults to "categories include contract"',
  })
  @IsOptional()
  @IsBoolean()
  contractual?: boolean;
}

export class DecideChangeRequestDto extends EffectiveAtDto {
  @ApiProperty({ enum: CHANGE_REQUEST_OUTCOMES })
  @IsIn(CHANGE_REQUEST_OUTCOMES)
  outcome!: ChangeRequestOutcome;

  @ApiProperty({ example: 'Within contingency; customer funds the depot sites' })
  @IsCleanText({ maxLength: 2000, multiline: true })
  reason!: string;
}

export class RecordCustomerApprovalDto extends EffectiveAtDto {
  @ApiProperty({
    example: 'DocuSign 4F2A-91C7-0B3E',
    description: 'Reference of the customer signature',
  })
  @IsCleanText({ maxLength: 200 })
  customerSignatureRef!: string;
}
