import { createPublicKey } from 'node:crypto';
import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { ProgramScope, resolveLedgerSigningKey, type Environment } from '@ledger/runtime';
import { EvidenceExportsController } from './evidence-exports.controller';
import { EVIDENCE_PUBLIC_KEY } from './evidence-export.tokens';

/**
 * Evidence bundle export (issue 10 §3). The key is resolved as the checkpointer resolves it
 * (LEDGER_SIGNING_KEY, else DATA_DIR's file) and only its public half is kept.
 */
@Module({
  controllers: [EvidenceExportsController],
  providers: [
    ProgramScope,
    {
      provide: EVIDENCE_PUBLIC_KEY,
      inject: [ConfigService],
      useFactory: (config: ConfigService<Environment, true>) =>
        createPublicKey(
          resolveLedgerSigningKey(
            config.get('DATA_DIR', { infer: true }),
            config.get('LEDGER_SIGNING_KEY', { infer: true }),
          ).key,
        ),
    },
  ],
})
export class EvidenceExportsModule {}
