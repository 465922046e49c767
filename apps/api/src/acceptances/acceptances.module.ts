import { Module } from '@nestjs/common';
import { AcceptanceCertificatesController } from './acceptance-certificates.controller';
import { AcceptancesController } from './acceptances.controller';

@Module({ controllers: [AcceptancesController, AcceptanceCertificatesController] })
export class AcceptancesModule {}
