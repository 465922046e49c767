import { Module } from '@nestjs/common';
import { READ_ROUTES } from '@ledger/projections';
import { ReadPositions } from '@ledger/runtime';
import { readRouteController } from './read-route.controller';

/**
 * The PMO query API over the read models: one controller per read route that the read models
 * declare (READ_ROUTES, in @ledger/projections), built by readRouteController. It only reads
 * (READ_STORE, READ_PROGRESS from ReadStoreModule); who writes is ProjectorModule, in this
 * process (embedded) or in apps/projector (PROJECTOR=external).
 */
@Module({
  controllers: READ_ROUTES.map(readRouteController),
  providers: [ReadPositions],
})
export class ReadSideModule {}
