import { Controller, Get, Inject, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { LogVerifier, type StreamVerification } from '@ledger/audit';
import { CurrentPrincipal, IdParamPipe, Roles, type Principal } from '@ledger/runtime';
import { LOG_VERIFIER } from './log-verifier.provider';
import { StreamProgram } from './stream-program.service';
import { STREAM_VERIFICATION_EXAMPLE } from './audit-openapi-examples';

/**
 * One stream's chain, verified synchronously (issue 10 §2): a stream is one aggregate's history,
 * bounded and owned by one program, so unlike the whole-log job it is program-scoped, exactly as
 * its events are (StreamProgram: 403 for another program, 404 for an unknown stream). What a
 * chain cannot see (its last events or the whole stream removed) only the whole-log job's
 * checkpoints show, and the answer says nothing more than the chain.
 */
@ApiTags('audit')
@ApiBearerAuth()
@Controller('api/audit')
export class StreamVerificationController {
  constructor(
    @Inject(LOG_VERIFIER) private readonly verifier: LogVerifier,
    private readonly streams: StreamProgram,
  ) {}

  @Get('streams/:streamId/verify')
  @Roles('auditor', 'admin')
  @ApiOkResponse({
    description:
      '{ valid, streamId, checkedEvents, problems: [{ kind, position, streamId, revision, detail }] }',
    schema: { example: STREAM_VERIFICATION_EXAMPLE },
  })
  @ApiOperation({ summary: "Verify one stream's hash chain (revisions, links, content hashes)" })
  async verify(
    @Param('streamId', IdParamPipe) streamId: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<StreamVerification> {
    await this.streams.assertReadable(principal, streamId);
    return this.verifier.verifyStream(streamId);
  }
}
