import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { CommandOutcome, FollowUpResult } from '@ledger/command-path';
import { problemType } from '@ledger/runtime';

/** What every command answers: where the change landed, usable as ETag and for read-your-writes. */
export class CommandAcceptedDto {
  @ApiPropertyOptional({ description: 'Id of the thing created, for creating commands' })
  id?: string;

  @ApiProperty({ example: 'program-6f1c2a9e-4b7d-4f0a-9c3e-2d8b5a1f7e40' })
  streamId!: string;

  @ApiProperty({ description: 'Revision of the stream after the command (0-based)' })
  revision!: number;

  @ApiProperty({
    description:
      'Global log position of the last event this command wrote, follow-ups included; pass it as minPosition to queries to read your own writes',
  })
  position!: number;

  @ApiPropertyOptional({
    type: () => [FollowUpDto],
    description:
      'Commands this one caused on other aggregates (e.g. a project recording an approved handover), with where each landed or the rule that refused it',
  })
  followUps?: FollowUpDto[];

  static of(
    outcome: CommandOutcome,
    id?: string,
    followUps: readonly FollowUpResult[] = [],
  ): CommandAcceptedDto {
    const landed = followUps.flatMap((result) =>
      'outcome' in result ? [result.outcome.position] : [],
    );
    return {
      ...(id ? { id } : {}),
      streamId: outcome.streamId,
      revision: outcome.revision,
      position: Math.max(outcome.position, ...landed),
      ...(followUps.length > 0 ? { followUps: followUps.map(FollowUpDto.of) } : {}),
    };
  }
}

export class FollowUpDto {
  @ApiProperty({ example: 'project-recorded-handover-outcome' })
  reaction!: string;

  @ApiProperty()
  streamId!: string;

  @ApiPropertyOptional()
  revision?: number;

  @ApiPropertyOptional()
  position?: number;

  @ApiPropertyOptional({ description: 'The problem type of the rule that refused the follow-up' })
  refusedBy?: string;

  static of(result: FollowUpResult): FollowUpDto {
    return 'outcome' in result
      ? {
          reaction: result.reaction,
          streamId: result.streamId,
          revision: result.outcome.revision,
          position: result.outcome.position,
        }
      : {
          reaction: result.reaction,
          streamId: result.streamId,
          refusedBy: problemType(result.error.code),
        };
  }
}
