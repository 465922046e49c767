import 'reflect-metadata';
import { DurableReactor } from '@ledger/command-path';
import { ProjectionEngine } from '@ledger/projections';
import { validateEnvironment } from '@ledger/runtime';
import { createProjectorApp } from './create-projector-app';
import { stopOnFailure } from './stop-on-failure';

async function bootstrap(): Promise<void> {
  let env;
  try {
    env = validateEnvironment(process.env);
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
  const app = await createProjectorApp();
  void stopOnFailure(
    [app.get(ProjectionEngine), app.get(DurableReactor)],
    () => app.close(),
    (code) => process.exit(code),
  );
  await app.listen({ port: env.PORT, host: env.HOST });
  console.log(
    `delivery-ledger projector on http://${env.HOST === '0.0.0.0' ? 'localhost' : env.HOST}:${env.PORT} ` +
      `(event store: ${env.EVENT_STORE}, read store: ${env.READ_STORE}); health at /health`,
  );
}

void bootstrap();
