import { Module } from '@nestjs/common';
import { AsyncApiController } from './asyncapi.controller';

/** What downstream systems use: the public contract's description (later: feed, webhooks). */
@Module({ controllers: [AsyncApiController] })
export class IntegrationModule {}
