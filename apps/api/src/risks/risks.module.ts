import { Module } from '@nestjs/common';
import { RiskResponseController } from './risk-response.controller';
import { RisksController } from './risks.controller';

@Module({ controllers: [RisksController, RiskResponseController] })
export class RisksModule {}
