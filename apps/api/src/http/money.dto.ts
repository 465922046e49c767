import { ApiProperty } from '@nestjs/swagger';
import { IsInt, IsString, Matches, Max, Min } from 'class-validator';

/** Money as integer minor units + ISO 4217 code (DOMAIN principle 5): 1234.50 EUR = {123450, "EUR"}. */
export class MoneyDto {
  @ApiProperty({ example: 12345000, description: 'Integer minor units (cents for EUR)' })
  @IsInt()
  @Min(-9_000_000_000_000_000)
  @Max(9_000_000_000_000_000)
  amount!: number;

  @ApiProperty({ example: 'EUR', description: 'ISO 4217 code' })
  @IsString()
  @Matches(/^[A-Z]{3}$/, { message: 'currency must be an ISO 4217 code such as EUR' })
  currency!: string;
}
