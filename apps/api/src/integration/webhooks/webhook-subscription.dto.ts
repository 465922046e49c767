import { ApiProperty } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsDefined,
  IsString,
  MaxLength,
} from 'class-validator';

export class CreateWebhookSubscriptionDto {
  @ApiProperty({ example: 'https://erp.example.com/hooks/delivery-ledger' })
  @IsString()
  @MaxLength(2048)
  url!: string;

  @ApiProperty({
    description: 'Public CloudEvents types (see /asyncapi.json), or "all"',
    oneOf: [
      { type: 'array', items: { type: 'string' } },
      { type: 'string', enum: ['all'] },
    ],
  })
  @IsDefined()
  eventTypes!: string[] | 'all';

  @ApiProperty({ type: [String], description: "Programs within your token's claim" })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @IsString({ each: true })
  programIds!: string[];
}
