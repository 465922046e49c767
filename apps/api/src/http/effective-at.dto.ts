import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional } from 'class-validator';

/** Every command body may say when its facts are true in business time (DOMAIN principle 2). */
export class EffectiveAtDto {
  @ApiPropertyOptional({
    description: 'Business time the fact is true from (ISO 8601); defaults to when it is recorded',
  })
  @IsOptional()
  @IsISO8601({ strict: true, strictSeparator: true })
  effectiveAt?: string;
}
