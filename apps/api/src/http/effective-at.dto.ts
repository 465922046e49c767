import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { IsOffsetDateTime } from './date-time.decorator';

/** Every command body may say when its facts are true in business time (DOMAIN principle 2). */
export class EffectiveAtDto {
  @ApiPropertyOptional({
    example: '2026-03-10T09:00:00Z',
    format: 'date-time',
    description:
      'Business time the fact is true from: ISO 8601 with an explicit offset (Z or ±hh:mm), ' +
      'from 1970 to 2199; defaults to when it is recorded',
  })
  @IsOptional()
  @IsOffsetDateTime()
  effectiveAt?: string;
}
