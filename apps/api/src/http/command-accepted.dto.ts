import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { CommandOutcome } from '@ledger/command-path';

/** What every command answers: where the change landed, usable as ETag and for read-your-writes. */
export class CommandAcceptedDto {
  @ApiPropertyOptional({ description: 'Id of the thing created, for creating commands' })
  id?: string;

  @ApiProperty({ example: 'program-6f1c…' })
  streamId!: string;

  @ApiProperty({ description: 'Revision of the stream after the command (0-based)' })
  revision!: number;

  @ApiProperty({
    description: 'Global log position of the last event; pass as minPosition to queries',
  })
  position!: number;

  static of(outcome: CommandOutcome, id?: string): CommandAcceptedDto {
    return {
      ...(id ? { id } : {}),
      streamId: outcome.streamId,
      revision: outcome.revision,
      position: outcome.position,
    };
  }
}
