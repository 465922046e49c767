import { Module } from '@nestjs/common';
import { AuditProofsController } from './audit-proofs.controller';
import { AUDIT_PUBLIC_KEY, auditPublicKeyProvider } from './audit-public-key';
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
    auditPublicKeyProvider,
    logVerifierProvider,
    VerificationJobs,
  ],
  // The evidence export embeds the same public key.
  exports: [AUDIT_PUBLIC_KEY],
})
export class AuditProofsModule {}
