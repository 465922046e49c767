import { Module } from '@nestjs/common';
import { ChangeRequestsController } from './change-requests.controller';
import { ProjectCommands } from './project-commands.service';
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
  providers: [ProjectCommands],
})
export class ProjectsModule {}
