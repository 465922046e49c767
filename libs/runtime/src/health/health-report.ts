/**
 * What /health reports, per component and overall (issue 13):
 * - `up`: it answers and runs;
 * - `degraded`: a store it needs is away (a restart, a failover, a network blip) and it is
 *   waiting it out by itself (backoff, resume from checkpoints). Answered 200: the process is
 *   sound, restarting it would not help;
 * - `down`: it stopped for good (a projection or a reaction failed on an event: a bug or a
 *   poison event). Answered 503: an operator (or a supervisor) must act.
 */
export type ComponentStatus = 'up' | 'degraded' | 'down';

export interface ComponentHealth {
  readonly status: ComponentStatus;
  /** Why it is degraded or down. */
  readonly message?: string;
  readonly [detail: string]: unknown;
}

export interface HealthReport {
  /** `ok`: every component up; `degraded`: some degraded, none down; `error`: some down. */
  readonly status: 'ok' | 'degraded' | 'error';
  /** Components that are up, by name (with their details). */
  readonly info: Readonly<Record<string, ComponentHealth>>;
  readonly degraded: Readonly<Record<string, ComponentHealth>>;
  readonly error: Readonly<Record<string, ComponentHealth>>;
  /** Every component, whatever its status. */
  readonly details: Readonly<Record<string, ComponentHealth>>;
}

export function healthReport(components: Readonly<Record<string, ComponentHealth>>): HealthReport {
  const pick = (status: ComponentStatus): Record<string, ComponentHealth> =>
    Object.fromEntries(Object.entries(components).filter(([, c]) => c.status === status));
  const error = pick('down');
  const degraded = pick('degraded');
  return {
    status:
      Object.keys(error).length > 0
        ? 'error'
        : Object.keys(degraded).length > 0
          ? 'degraded'
          : 'ok',
    info: pick('up'),
    degraded,
    error,
    details: components,
  };
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
