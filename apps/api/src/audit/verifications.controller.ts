import { Controller, Get, HttpCode, Inject, Param, Post, Res } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { auditErrors, LogVerifier } from '@ledger/audit';
import { CurrentPrincipal, IdParamPipe, Roles, type Principal } from '@ledger/runtime';
import { LOG_VERIFIER } from './log-verifier.provider';
import { VerificationJobs, type VerificationJob } from './verification-jobs.service';
import { VERIFICATION_DONE_EXAMPLE, VERIFICATION_RUNNING_EXAMPLE } from './audit-openapi-examples';

const JOB_ID = /^[0-9a-f-]{36}$/;

/**
 * Whole-log verification (issue 10 §2) as a job with a status route. Role auditor or admin.
 * Like the proofs, the answers name positions, stream ids and hashes, never an event's content,
 * and a whole-log check is only meaningful over the whole log, so it is not narrowed by the
 * programs claim (one stream's verification is: stream-verification.controller.ts).
 */
@ApiTags('audit')
@ApiBearerAuth()
@Controller('api/audit')
export class VerificationsController {
  constructor(
    @Inject(LOG_VERIFIER) private readonly verifier: LogVerifier,
    private readonly jobs: VerificationJobs,
  ) {}

  @Post('verifications')
  @HttpCode(202)
  @Roles('auditor', 'admin')
  @ApiAcceptedResponse({
    description:
      'Started (or the one already running): { id, status: "running", progress: { checked, total, position }, ... }; ' +
      'Location: /api/audit/verifications/{id}',
    schema: { example: VERIFICATION_RUNNING_EXAMPLE },
  })
  @ApiOperation({
    summary: 'Verify the whole log (chains, Merkle tree, every checkpoint signature) as a job',
  })
  start(
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): VerificationJob {
    const job = this.jobs.start(this.verifier, principal.sub, reply.request.id);
    void reply.header('Location', `/api/audit/verifications/${job.id}`);
    return job;
  }

  @Get('verifications/:verificationId')
  @Roles('auditor', 'admin')
  @ApiOkResponse({
    description:
      '{ id, status: running|done|failed, progress: { checked, total, position }, result: ' +
      '{ valid, checkedEvents, checkpoints, unsignedEvents, rootHash, problems: [{ kind, position, ' +
      'toPosition, streamId, revision, checkpointSize, detail }] } | null, error }',
    schema: { example: VERIFICATION_DONE_EXAMPLE },
  })
  @ApiOperation({ summary: "A whole-log verification's status, progress and result" })
  status(@Param('verificationId', IdParamPipe) id: string): VerificationJob {
    const job = JOB_ID.test(id) ? this.jobs.get(id) : undefined;
    if (!job) throw auditErrors.verificationNotFound(id);
    return job;
  }
}
