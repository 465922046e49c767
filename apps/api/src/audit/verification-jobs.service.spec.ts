import { Logger } from '@nestjs/common';
import type { LogVerifier } from '@ledger/audit';
import { until } from '@ledger/testing';
import { VerificationJobs } from './verification-jobs.service';

describe('VerificationJobs', () => {
  afterEach(() => jest.restoreAllMocks());

  it("names the starting request's correlation id on the line about a failed job", async () => {
    const error = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    const verifier = {
      verifyLog: () => Promise.reject(new Error('the store fell over')),
    } as unknown as LogVerifier;
    const jobs = new VerificationJobs();

    const job = jobs.start(verifier, 'auditor-1', 'corr-verify-1');
    await until(() => jobs.get(job.id)?.status === 'failed');

    expect(error).toHaveBeenCalledWith({
      correlationId: 'corr-verify-1',
      msg: `verification ${job.id} failed: the store fell over`,
    });
  });
});
