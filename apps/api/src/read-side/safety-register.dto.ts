import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';
import { ReadQueryDto } from './project-summaries.dto';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** A period of whole calendar months, both ends included (exposure hours are per month). */
export class SafetyRegisterQueryDto extends ReadQueryDto {
  @ApiPropertyOptional({ example: '2026-01', description: 'First month included (YYYY-MM)' })
  @IsOptional()
  @Matches(MONTH, { message: '$property must be a calendar month YYYY-MM' })
  from?: string;

  @ApiPropertyOptional({ example: '2026-06', description: 'Last month included (YYYY-MM)' })
  @IsOptional()
  @Matches(MONTH, { message: '$property must be a calendar month YYYY-MM' })
  to?: string;
}
