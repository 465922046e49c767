import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

export class CheckpointListQueryDto {
  @ApiPropertyOptional({ example: 0, description: 'Checkpoints with a size above this (paging)' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(-1)
  @Max(Number.MAX_SAFE_INTEGER)
  afterSize?: number;

  @ApiPropertyOptional({ example: 50, description: 'Page size (1..500, default 50)' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;
}

export class InclusionProofQueryDto {
  @ApiProperty({ example: 42, description: 'The global position of the event to prove' })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(Number.MAX_SAFE_INTEGER)
  position!: number;

  @ApiPropertyOptional({
    example: 1000,
    description:
      'Size of the signed checkpoint to prove against (default: the first one covering the event)',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(Number.MAX_SAFE_INTEGER)
  checkpoint?: number;
}

export class ConsistencyProofQueryDto {
  @ApiProperty({ example: 1000, description: 'Size of the earlier signed checkpoint' })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(Number.MAX_SAFE_INTEGER)
  from!: number;

  @ApiProperty({ example: 2000, description: 'Size of the later signed checkpoint' })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(Number.MAX_SAFE_INTEGER)
  to!: number;
}
