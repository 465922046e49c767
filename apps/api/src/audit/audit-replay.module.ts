import { Module } from '@nestjs/common';
import { AuditReplayController } from './audit-replay.controller';
import { AuditReplay } from './audit-replay.service';
import { StreamEventsController } from './stream-events.controller';
import { StreamProgram } from './stream-program.service';

/** Replay and time travel (issue 10 §1): reads the event log only, never a read model. */
@Module({
  controllers: [AuditReplayController, StreamEventsController],
  providers: [AuditReplay, StreamProgram],
  exports: [StreamProgram],
})
export class AuditReplayModule {}
