import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { ReadQueryDto } from './project-summaries.dto';

export class ProgramPortfolioQueryDto extends ReadQueryDto {
  @ApiPropertyOptional({
    minimum: 1,
    maximum: 100,
    default: 10,
    description: 'How many active projects the worst-first list holds',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;
}
