import { Module } from '@nestjs/common';
import { ExposureHoursController } from './exposure-hours.controller';
import { SafetyIncidentsController } from './safety-incidents.controller';

@Module({ controllers: [SafetyIncidentsController, ExposureHoursController] })
export class SafetyModule {}
