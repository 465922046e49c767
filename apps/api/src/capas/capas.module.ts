import { Module } from '@nestjs/common';
import { CapasController } from './capas.controller';

@Module({ controllers: [CapasController] })
export class CapasModule {}
