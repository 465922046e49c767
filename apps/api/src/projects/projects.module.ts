import { Module } from '@nestjs/common';
import { ChangeRequestsController } from './change-requests.controller';
import { ProjectExecutionController } from './project-execution.controller';
import { ProjectSetupController } from './project-setup.controller';
import { ProjectsController } from './projects.controller';

@Module({
  controllers: [
    ProjectsController,
    ProjectSetupController,
    ChangeRequestsController,
    ProjectExecutionController,
  ],
})
export class ProjectsModule {}
