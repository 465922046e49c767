import 'reflect-metadata';
import { PinoLogger } from 'nestjs-pino';
import { symbols, type Logger as Pino } from 'pino';
import { validateEnvironment, type Environment } from '@ledger/runtime';
import { createApp } from './create-app';
import { listenOrExplain, startUpBanner, StartUpError } from './start-server';

async function bootstrap(): Promise<void> {
  let env: Environment;
  try {
    env = validateEnvironment(process.env);
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
  const app = await createApp();
  try {
    await listenOrExplain(app, env.PORT, env.HOST);
  } catch (error) {
    if (!(error instanceof StartUpError)) throw error;
    const { message } = error;
    process.exitCode = 1;
    // Printed as the process ends, after the log lines pino still has queued: the last line seen.
    process.once('exit', () => console.error(message));
    // Stop what init started (projector, stores); should a handle outlive close(), leave anyway.
    setTimeout(() => process.exit(1), 2000).unref();
    await app.close().catch(() => undefined);
    return;
  }
  // The pino instance Nest's own log lines go through (outside any request).
  printAfterLogs((await app.resolve(PinoLogger)).logger, startUpBanner(env));
}

/**
 * pino writes stdout asynchronously, so a console.log here would land before the start-up log
 * lines still queued. Queued on pino's own stream, the banner comes out after them, last.
 */
function printAfterLogs(logger: Pino, text: string): void {
  const stream = (logger as unknown as Partial<Record<symbol, unknown>>)[symbols.streamSym] as
    { write?: (chunk: string) => unknown } | undefined;
  if (typeof stream?.write === 'function') stream.write(`${text}\n`);
  else console.log(text);
}

void bootstrap();
