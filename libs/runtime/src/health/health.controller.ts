import { Controller, Get, Optional, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '../auth/auth.decorators';
import { CheckpointsHealthIndicator } from './checkpoints.health';
import { EventStoreHealthIndicator } from './event-store.health';
import { healthReport, type HealthReport } from './health-report';
import { PublicEventsHealthIndicator } from './public-events.health';
import { ReadStoreHealthIndicator } from './read-store.health';
import { WalCheckpoints } from '../sqlite/wal-checkpoints.module';

/**
 * GET /health: `ok` (200), `degraded` (200: a store is away and the process is waiting it out)
 * or `error` (503: something stopped for good). See health-report.ts and the README's
 * "Operating the production stack".
 */
@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly eventStore: EventStoreHealthIndicator,
    private readonly readStore: ReadStoreHealthIndicator,
    private readonly publicEvents: PublicEventsHealthIndicator,
    private readonly checkpoints: CheckpointsHealthIndicator,
    // Where the process runs WalCheckpointsModule (the api, apps/projector).
    @Optional() private readonly walCheckpoints?: WalCheckpoints,
  ) {}

  @Get()
  @Public()
  @ApiOperation({
    summary:
      'Liveness and readiness of the stores, the projection engine and the checkpoint writer',
  })
  async check(@Res({ passthrough: true }) reply: FastifyReply): Promise<HealthReport> {
    const [eventStore, readStore, checkpoints] = await Promise.all([
      this.eventStore.check(),
      this.readStore.check(),
      this.checkpoints.check(),
    ]);
    // Only where the writer runs (KurrentDB, writer process).
    const publicEvents = this.publicEvents.check();
    // Only where the WAL checkpoints run in a thread (SQLITE_WAL_CHECKPOINTS=thread, SQLite).
    const walCheckpoints = this.walCheckpoints?.health();
    const report = healthReport({
      eventStore,
      readStore,
      ...(publicEvents ? { publicEvents } : {}),
      ...(checkpoints ? { checkpoints } : {}),
      ...(walCheckpoints ? { walCheckpoints } : {}),
    });
    if (report.status === 'error') void reply.status(503);
    return report;
  }
}
