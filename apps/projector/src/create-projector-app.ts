import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createHttpApp, type CreateAppOptions } from '@ledger/runtime';
import { ProjectorAppModule } from './projector-app.module';

/** The projector process's Nest app (main.ts and the e2e tests both build it here). */
export function createProjectorApp(
  options: CreateAppOptions = {},
): Promise<NestFastifyApplication> {
  return createHttpApp(ProjectorAppModule.forEnvironment(), {
    ...options,
    title: 'delivery-ledger projector',
    description:
      'Writes the read models from the event log. Operations only: health and read-model rebuilds.',
  });
}
