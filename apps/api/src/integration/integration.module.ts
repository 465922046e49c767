import { Module } from '@nestjs/common';
import { AsyncApiController } from './asyncapi.controller';
import { FeedController } from './feed/feed.controller';
import { FeedService } from './feed/feed.service';

/** What downstream systems use: the public contract's description and the SSE feed. */
@Module({ controllers: [AsyncApiController, FeedController], providers: [FeedService] })
export class IntegrationModule {}
