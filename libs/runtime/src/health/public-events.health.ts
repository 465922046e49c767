import { Inject, Injectable, Optional } from '@nestjs/common';
import { KurrentDbPublicEventsWriter } from '../public-events/kurrentdb-public-events-writer';
import type { ComponentHealth } from './health-report';

/**
 * The `public-events` writer (EVENT_STORE=kurrentdb, in the writer process): `degraded` while it
 * waits out an outage, `down` once a failure retrying cannot cure stopped it (access denied, the
 * stream deleted, data refused), so that an operator learns of it. Absent elsewhere (no writer):
 * /health then has no such component.
 */
@Injectable()
export class PublicEventsHealthIndicator {
  constructor(
    @Optional()
    @Inject(KurrentDbPublicEventsWriter)
    private readonly writer?: KurrentDbPublicEventsWriter | null,
  ) {}

  check(): ComponentHealth | undefined {
    const writer = this.writer;
    if (!writer) return undefined;
    const details = { checkpoint: writer.checkpoint() };
    if (writer.error) {
      return {
        status: 'down',
        ...details,
        message: `public-events writer stopped: ${writer.error.message}`,
      };
    }
    const degraded = writer.degraded;
    if (degraded) {
      return {
        status: 'degraded',
        ...details,
        degraded,
        message: `public-events writer resuming: ${degraded.reason}`,
      };
    }
    return { status: 'up', ...details };
  }
}
