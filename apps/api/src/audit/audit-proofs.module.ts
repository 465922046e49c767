import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { resolveLedgerSigningKey, type Environment } from '@ledger/runtime';
import { AuditProofsController } from './audit-proofs.controller';
import { AUDIT_PUBLIC_KEY, publicHalf } from './audit-public-key';
import { AuditReplayModule } from './audit-replay.module';
import { logVerifierProvider } from './log-verifier.provider';
import { VerificationJobs } from './verification-jobs.service';
import { StreamVerificationController } from './stream-verification.controller';
import { VerificationsController } from './verifications.controller';

/**
 * The log's proofs and verification (issue 10 §2): public key, signed checkpoints, inclusion and
 * consistency proofs, whole-log verification jobs and per-stream verification. The key is
 * resolved exactly as the checkpointer resolves it (LEDGER_SIGNING_KEY, else DATA_DIR), and only
 * its public half is kept.
 */
@Module({
  // StreamProgram: one stream's verification is scoped as its events are.
  imports: [AuditReplayModule],
  controllers: [AuditProofsController, VerificationsController, StreamVerificationController],
  providers: [
    {
      provide: AUDIT_PUBLIC_KEY,
      inject: [ConfigService],
      useFactory: (config: ConfigService<Environment, true>) =>
        publicHalf(
          resolveLedgerSigningKey(
            config.get('DATA_DIR', { infer: true }),
            config.get('LEDGER_SIGNING_KEY', { infer: true }),
          ).key,
        ),
    },
    logVerifierProvider,
    VerificationJobs,
  ],
})
export class AuditProofsModule {}
