import { Module } from '@nestjs/common';
import { ChangeRequestLookup } from './change-request-lookup.service';
import { ContractsController } from './contracts.controller';
import { ObligationsController } from './obligations.controller';

@Module({
  controllers: [ContractsController, ObligationsController],
  providers: [ChangeRequestLookup],
})
export class ContractsModule {}
