import { ApiProperty } from '@nestjs/swagger';
import { IsInt, IsString, Matches, Max, Min } from 'class-validator';
import { MAX_MONEY_MINOR_UNITS } from '@ledger/domain';

/**
 * Money as integer minor units + ISO 4217 code (DOMAIN principle 5): 1234.50 EUR = {123450, "EUR"}.
 * Each amount is bounded to ±10^13 minor units so that every figure of one aggregate and every
 * stored read-model figure stays an exact integer (MAX_MONEY_MINOR_UNITS says why); roll-ups
 * over many items are summed exactly on the read side.
 */
export class MoneyDto {
  @ApiProperty({
    example: 12345000,
    type: 'integer',
    minimum: -MAX_MONEY_MINOR_UNITS,
    maximum: MAX_MONEY_MINOR_UNITS,
    description: 'Integer minor units (cents for EUR), at most ±10^13',
  })
  @IsInt()
  @Min(-MAX_MONEY_MINOR_UNITS)
  @Max(MAX_MONEY_MINOR_UNITS)
  amount!: number;

  @ApiProperty({ example: 'EUR', description: 'ISO 4217 code' })
  @IsString()
  @Matches(/^[A-Z]{3}$/, { message: 'currency must be an ISO 4217 code such as EUR' })
  currency!: string;
}
