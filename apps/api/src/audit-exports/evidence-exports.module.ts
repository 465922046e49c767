import { Module } from '@nestjs/common';
import { ProgramScope } from '@ledger/runtime';
import { AuditProofsModule } from '../audit/audit-proofs.module';
import { EvidenceExportsController } from './evidence-exports.controller';

/**
 * Evidence bundle export (issue 10 §3). The public key is AuditProofsModule's (AUDIT_PUBLIC_KEY:
 * resolved once, as the checkpointer resolves it, only its public half kept).
 */
@Module({
  imports: [AuditProofsModule],
  controllers: [EvidenceExportsController],
  providers: [ProgramScope],
})
export class EvidenceExportsModule {}
