import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsOptional } from 'class-validator';
import { IsCleanText } from '../http/clean-text';
import {
  DELIVERY_APPROACHES,
  PROCESS_AREAS,
  STAKEHOLDER_LEVELS,
  type DeliveryApproach,
  type ProcessArea,
  type StakeholderLevel,
} from '@ledger/domain';
import { EffectiveAtDto } from '../http/effective-at.dto';
import { IsResourceId } from '@ledger/runtime';

export class CreateProjectDto extends EffectiveAtDto {
  @ApiProperty({
    example: '6f1c2a9e-4b7d-4f0a-9c3e-2d8b5a1f7e40',
    description: 'The program the project delivers in',
  })
  @IsResourceId()
  programId!: string;

  @ApiProperty({
    example: 'b3e0f5d2-8a41-4c6e-b9d7-1e2f3a4b5c6d',
    description: 'The registered contract the project delivers',
  })
  @IsResourceId()
  contractId!: string;

  @ApiProperty({ example: 'RAN swap, cluster North-3' })
  @IsCleanText({ maxLength: 200 })
  name!: string;
}

export class SelectDeliveryApproachDto extends EffectiveAtDto {
  @ApiProperty({ enum: DELIVERY_APPROACHES, isArray: true, example: ['predictive', 'hybrid'] })
  @IsArray()
  @ArrayMaxSize(DELIVERY_APPROACHES.length * 2)
  @IsIn(DELIVERY_APPROACHES, { each: true })
  optionsConsidered!: DeliveryApproach[];

  @ApiProperty({ enum: DELIVERY_APPROACHES, example: 'hybrid' })
  @IsIn(DELIVERY_APPROACHES)
  chosen!: DeliveryApproach;

  @ApiProperty({ example: 'Fixed civil works, iterative radio optimisation' })
  @IsCleanText({ maxLength: 2000, multiline: true })
  rationale!: string;
}

export class AssignTeamMemberDto extends EffectiveAtDto {
  @ApiProperty({ example: 'user-carla' })
  @IsResourceId()
  personId!: string;

  @ApiProperty({
    example: 'project-manager',
    description: 'Role on the project (free text); "project-manager" makes the person the PM',
  })
  @IsCleanText({ maxLength: 100 })
  role!: string;

  @ApiProperty({ example: 50, description: 'Whole percent, 1–100 (checked by the domain)' })
  @IsInt()
  allocationPercent!: number;
}

export class ReleaseTeamMemberDto extends EffectiveAtDto {
  @ApiProperty({ example: 'site-engineer', description: 'The assignment released' })
  @IsCleanText({ maxLength: 100 })
  role!: string;

  @ApiProperty({ example: 'Civil works completed' })
  @IsCleanText({ maxLength: 2000, multiline: true })
  reason!: string;
}

export class RegisterStakeholderDto extends EffectiveAtDto {
  @ApiPropertyOptional({
    example: 'sh-cto-office',
    description: 'Client-chosen id; generated (and returned as id) when absent',
  })
  @IsOptional()
  @IsResourceId()
  stakeholderId?: string;

  @ApiProperty({ example: 'Eva Lind' })
  @IsCleanText({ maxLength: 200 })
  name!: string;

  @ApiProperty({ example: 'Nordic Telco AB' })
  @IsCleanText({ maxLength: 200 })
  organisation!: string;

  @ApiProperty({ example: 'Head of network rollout' })
  @IsCleanText({ maxLength: 200 })
  role!: string;

  @ApiProperty({ enum: STAKEHOLDER_LEVELS })
  @IsIn(STAKEHOLDER_LEVELS)
  influence!: StakeholderLevel;

  @ApiProperty({ enum: STAKEHOLDER_LEVELS })
  @IsIn(STAKEHOLDER_LEVELS)
  interest!: StakeholderLevel;
}

export class DefineProcessCustomisationDto extends EffectiveAtDto {
  @ApiProperty({ enum: PROCESS_AREAS })
  @IsIn(PROCESS_AREAS)
  area!: ProcessArea;

  @ApiProperty({ example: 'Site access booked by the customer, not by us' })
  @IsCleanText({ maxLength: 2000, multiline: true })
  deviation!: string;

  @ApiProperty({ example: 'Customer security policy for rooftop sites' })
  @IsCleanText({ maxLength: 2000, multiline: true })
  rationale!: string;
}

/** Closing the project and waiving final acceptance both say why. */
export class ReasonDto extends EffectiveAtDto {
  @ApiProperty({ example: 'Customer accepted the network; warranty handled by Care' })
  @IsCleanText({ maxLength: 2000, multiline: true })
  reason!: string;
}
