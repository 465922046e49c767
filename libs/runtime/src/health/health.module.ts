import { Module } from '@nestjs/common';
import { CheckpointsHealthIndicator } from './checkpoints.health';
import { EventStoreHealthIndicator } from './event-store.health';
import { HealthController } from './health.controller';
import { PublicEventsHealthIndicator } from './public-events.health';
import { ReadStoreHealthIndicator } from './read-store.health';

@Module({
  controllers: [HealthController],
  providers: [
    EventStoreHealthIndicator,
    ReadStoreHealthIndicator,
    PublicEventsHealthIndicator,
    CheckpointsHealthIndicator,
  ],
})
export class HealthModule {}
