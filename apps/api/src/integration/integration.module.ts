import { Module } from '@nestjs/common';
import { WebhookSecretKeyModule } from '@ledger/runtime';
import { AsyncApiController } from './asyncapi.controller';
import { FeedController } from './feed/feed.controller';
import { FeedService } from './feed/feed.service';
import { WebhookSubscriptionsController } from './webhooks/webhook-subscriptions.controller';

/** What downstream systems use: the public contract's description, the SSE feed, webhooks. */
@Module({
  imports: [WebhookSecretKeyModule],
  controllers: [AsyncApiController, FeedController, WebhookSubscriptionsController],
  providers: [FeedService],
})
export class IntegrationModule {}
