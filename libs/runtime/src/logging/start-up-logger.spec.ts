import type { LoggerService } from '@nestjs/common';
import { quietWiring } from './start-up-logger';

describe('quietWiring', () => {
  const recorder = () => {
    const lines: [string, unknown, unknown][] = [];
    const at =
      (level: string) =>
      (message: unknown, ...params: unknown[]) =>
        lines.push([level, message, params[params.length - 1]]);
    const logger: LoggerService = {
      log: at('info'),
      error: at('error'),
      warn: at('warn'),
      debug: at('debug'),
      verbose: at('verbose'),
    };
    return { lines, logger };
  };

  it("moves Nest's route-mapping and module lines to debug and leaves every other line alone", () => {
    const { lines, logger } = recorder();
    const quiet = quietWiring(logger);
    quiet.log('Mapped {/api/programs, POST} route', 'RouterExplorer');
    quiet.log('ProgramsController {/api/programs}:', 'RoutesResolver');
    quiet.log('AppModule dependencies initialized', 'InstanceLoader');
    quiet.log('Nest application successfully started', 'NestApplication');
    quiet.warn('careful', 'Auth');
    quiet.error('failed', 'stack', 'ExceptionsHandler');
    expect(lines).toEqual([
      ['debug', 'Mapped {/api/programs, POST} route', 'RouterExplorer'],
      ['debug', 'ProgramsController {/api/programs}:', 'RoutesResolver'],
      ['debug', 'AppModule dependencies initialized', 'InstanceLoader'],
      ['info', 'Nest application successfully started', 'NestApplication'],
      ['warn', 'careful', 'Auth'],
      ['error', 'failed', 'ExceptionsHandler'],
    ]);
  });
});
