import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { Environment } from '../config/environment';
import { resolveWebhookSecretKey, type WebhookSecretKey } from './webhook-secret-key';

/** Injection token of the process's WebhookSecretKey. */
export const WEBHOOK_SECRET_KEY = Symbol('WEBHOOK_SECRET_KEY');

/**
 * The key webhook secrets are sealed with, resolved once per process (WEBHOOK_SECRET_KEY, or the
 * file in DATA_DIR) for everything that opens or seals them: the dispatcher in the writer and the
 * subscriptions routes in the api, which share it in embedded mode.
 */
@Module({
  providers: [
    {
      provide: WEBHOOK_SECRET_KEY,
      inject: [ConfigService],
      useFactory: (config: ConfigService<Environment, true>): WebhookSecretKey =>
        resolveWebhookSecretKey(
          config.get('DATA_DIR', { infer: true }),
          config.get('WEBHOOK_SECRET_KEY', { infer: true }),
        ),
    },
  ],
  exports: [WEBHOOK_SECRET_KEY],
})
export class WebhookSecretKeyModule {}
