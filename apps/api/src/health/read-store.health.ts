import { Inject, Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { ProjectionEngine } from '@ledger/projections';
import { READ_STORE, type ReadStore } from '@ledger/read-store';

/** The read store answers and the projection engine runs (its state and positions). */
@Injectable()
export class ReadStoreHealthIndicator {
  constructor(
    @Inject(READ_STORE) private readonly store: ReadStore,
    private readonly engine: ProjectionEngine,
    private readonly indicator: HealthIndicatorService,
  ) {}

  async check(key = 'readStore') {
    const check = this.indicator.check(key);
    try {
      await this.store.ping();
    } catch (error) {
      return check.down({ message: error instanceof Error ? error.message : String(error) });
    }
    const details = { projector: this.engine.state, positions: this.engine.positions() };
    return this.engine.state === 'failed'
      ? check.down({ ...details, message: this.engine.error?.message ?? 'failed' })
      : check.up(details);
  }
}
