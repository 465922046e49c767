import { Module } from '@nestjs/common';
import { HandoversController } from './handovers.controller';

@Module({ controllers: [HandoversController] })
export class HandoversModule {}
