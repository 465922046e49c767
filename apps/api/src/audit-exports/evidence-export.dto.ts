import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { IsResourceId } from '@ledger/runtime';

/** Which part of the log to export: exactly one of the three (checked by the controller). */
export class EvidenceExportQueryDto {
  @ApiPropertyOptional({
    example: 'prog-1',
    description: 'Export a program: its streams, projects, contracts and their children',
  })
  @IsOptional()
  @IsResourceId()
  programId?: string;

  @ApiPropertyOptional({ example: 'proj-1', description: 'Export a project and its children' })
  @IsOptional()
  @IsResourceId()
  projectId?: string;

  @ApiPropertyOptional({ example: 'ctr-1', description: 'Export a contract and its children' })
  @IsOptional()
  @IsResourceId()
  contractId?: string;
}
