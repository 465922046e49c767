import { Module } from '@nestjs/common';
import { RiskCommands } from './risk-commands.service';
import { RiskResponseController } from './risk-response.controller';
import { RisksController } from './risks.controller';

@Module({ controllers: [RisksController, RiskResponseController], providers: [RiskCommands] })
export class RisksModule {}
