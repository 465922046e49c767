import type { LoggerService } from '@nestjs/common';

/**
 * Nest contexts whose `log` lines are about wiring, not about the service: one line per route
 * (~190 of them) and per module. At info level they buried the start-up banner; they stay
 * available at debug (LOG_LEVEL=debug).
 */
export const WIRING_CONTEXTS: ReadonlySet<string> = new Set([
  'RoutesResolver',
  'RouterExplorer',
  'InstanceLoader',
]);

/** The logger Nest uses, with its wiring lines moved from info to debug; all else unchanged. */
export function quietWiring(inner: LoggerService): LoggerService {
  const contextOf = (params: unknown[]): unknown => params[params.length - 1];
  return {
    log(message: unknown, ...params: unknown[]) {
      const context = contextOf(params);
      if (typeof context === 'string' && WIRING_CONTEXTS.has(context)) {
        (inner.debug ?? inner.log).call(inner, message, ...params);
      } else {
        inner.log(message, ...params);
      }
    },
    error(message: unknown, ...params: unknown[]) {
      inner.error(message, ...params);
    },
    warn(message: unknown, ...params: unknown[]) {
      inner.warn(message, ...params);
    },
    debug(message: unknown, ...params: unknown[]) {
      inner.debug?.(message, ...params);
    },
    verbose(message: unknown, ...params: unknown[]) {
      inner.verbose?.(message, ...params);
    },
    fatal(message: unknown, ...params: unknown[]) {
      inner.fatal?.(message, ...params);
    },
  };
}
