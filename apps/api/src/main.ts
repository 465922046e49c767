import 'reflect-metadata';
import { validateEnvironment } from './config/environment';
import { createApp } from './create-app';

async function bootstrap(): Promise<void> {
  let env;
  try {
    env = validateEnvironment(process.env);
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
  const app = await createApp();
  await app.listen({ port: env.PORT, host: env.HOST });
  console.log(
    `delivery-ledger API on http://${env.HOST === '0.0.0.0' ? 'localhost' : env.HOST}:${env.PORT} (event store: ${env.EVENT_STORE}, data: ${env.DATA_DIR}); OpenAPI at /docs`,
  );
}

void bootstrap();
