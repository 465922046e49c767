import { randomUUID } from 'node:crypto';
import { mintToken } from '@ledger/runtime';
import type { Role } from '@ledger/domain';
import { sleep } from '../../support/processes';

/** The secret every reliability process is started with (JWT_SECRET). */
export const RELIABILITY_JWT_SECRET = 'reliability-secret-long-enough-for-hs256-0123456789';

/** A person calling the api: the `sub` is part of every idempotent event id. */
export interface Caller {
  readonly sub: string;
  readonly token: string;
}

export async function caller(sub: string, roles: Role[]): Promise<Caller> {
  return {
    sub,
    token: await mintToken({
      secret: RELIABILITY_JWT_SECRET,
      sub,
      roles,
      programs: '*',
      ttlSeconds: 3 * 60 * 60,
    }),
  };
}

/**
 * One command as a client sends it: always with an Idempotency-Key and a correlation id, both
 * kept across retries, so a command whose answer was lost in a crash can be sent again safely.
 * `fact` names what the command adds (e.g. `project-1/cost/INV/7`): the log must hold it once.
 */
export interface Command {
  readonly kind: string;
  readonly path: string;
  readonly body: unknown;
  readonly caller: Caller;
  readonly key: string;
  readonly correlationId: string;
  readonly fact?: string;
}

export function command(
  kind: string,
  path: string,
  body: unknown,
  by: Caller,
  fact?: string,
  key: string = `${kind}-${randomUUID()}`,
): Command {
  return {
    kind,
    path,
    body,
    caller: by,
    key,
    correlationId: randomUUID(),
    ...(fact ? { fact } : {}),
  };
}

/** What the api answered. */
export interface Answer {
  readonly status: number;
  readonly contentType: string;
  readonly body: Record<string, unknown>;
}

/** The api's command answer: `{id?, streamId, revision, position, followUps?}`. */
export interface Acknowledgement {
  readonly id?: string;
  readonly streamId: string;
  readonly revision: number;
  readonly position: number;
}

export class NetworkError extends Error {}

/** POSTs the command once (fetch keeps connections alive); NetworkError when no answer came. */
export async function send(base: string, cmd: Command, timeoutMs = 30_000): Promise<Answer> {
  let response: Response;
  let text: string;
  try {
    response = await fetch(`${base}${cmd.path}`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${cmd.caller.token}`,
        'content-type': 'application/json',
        'idempotency-key': cmd.key,
        'x-correlation-id': cmd.correlationId,
      },
      body: JSON.stringify(cmd.body),
      signal: AbortSignal.timeout(timeoutMs),
    });
    text = await response.text();
  } catch (error) {
    const cause =
      error instanceof Error && error.cause instanceof Error ? ` (${error.cause.message})` : '';
    throw new NetworkError(`${error instanceof Error ? error.message : 'no answer'}${cause}`);
  }
  let body: Record<string, unknown>;
  try {
    body = JSON.parse(text) as Record<string, unknown>;
  } catch {
    body = { unparsed: text.slice(0, 500) };
  }
  return { status: response.status, contentType: response.headers.get('content-type') ?? '', body };
}

/** GET with a token; the parsed JSON body (throws on a non-2xx answer). */
export async function getJson<T>(base: string, path: string, token: string): Promise<T> {
  const response = await fetch(`${base}${path}`, {
    headers: { authorization: `Bearer ${token}` },
    signal: AbortSignal.timeout(30_000),
  });
  const text = await response.text();
  if (!response.ok)
    throw new Error(`GET ${path} answered ${response.status}: ${text.slice(0, 500)}`);
  return JSON.parse(text) as T;
}

/**
 * Open while the server is up. The chaos side closes it before a kill and opens it once the
 * server answers again; a client whose request got no answer waits here, then retries.
 */
export class Gate {
  private isOpen = true;
  private waiters: Array<() => void> = [];

  close(): void {
    this.isOpen = false;
  }

  open(): void {
    this.isOpen = true;
    for (const wake of this.waiters.splice(0)) wake();
  }

  async wait(timeoutMs: number): Promise<void> {
    if (this.isOpen) return;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      new Promise<void>((resolve) => this.waiters.push(resolve)),
      new Promise<void>((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`the server was not back within ${timeoutMs} ms`)),
          timeoutMs,
        );
      }),
    ]).finally(() => clearTimeout(timer));
  }
}

/** The outcome of one command after all its attempts. */
export interface Outcome {
  readonly command: Command;
  readonly answer: Answer;
  /** Sends it took; > 1 when an earlier send got no answer (the server died under it). */
  readonly attempts: number;
}

export interface DriveOptions {
  readonly base: string;
  /** The commands, or the i-th command made on demand (undefined: no more). */
  readonly commands: readonly Command[] | ((index: number) => Command | undefined);
  readonly clients: number;
  /** Closed while the server is down (optional: without it a lost answer is retried after 200 ms). */
  readonly gate?: Gate;
  /** Sends per command before giving up (each after a network error). */
  readonly maxAttempts?: number;
}

/**
 * Live figures of a run, read by the chaos side (when to kill) and the report. `inFlight` is the
 * number of requests sent and not answered yet.
 */
export class DriveProgress {
  answered = 0;
  inFlight = 0;
  unanswered = 0;
}

/**
 * Sends every command from `clients` concurrent clients (each takes the next command when it has
 * its answer). A send that gets no answer (the server died, the socket closed) is sent again with
 * the same Idempotency-Key once the gate is open: the answer is then the first result if the
 * first send was committed, or a fresh one if it was not.
 */
export async function drive(
  options: DriveOptions,
  progress = new DriveProgress(),
): Promise<Outcome[]> {
  const outcomes: Outcome[] = [];
  const maxAttempts = options.maxAttempts ?? 30;
  let next = 0;
  const client = async (): Promise<void> => {
    for (;;) {
      const index = next;
      next += 1;
      const cmd =
        typeof options.commands === 'function' ? options.commands(index) : options.commands[index];
      if (!cmd) return;
      for (let attempt = 1; ; attempt += 1) {
        progress.inFlight += 1;
        try {
          const answer = await send(options.base, cmd);
          progress.inFlight -= 1;
          progress.answered += 1;
          outcomes.push({ command: cmd, answer, attempts: attempt });
          break;
        } catch (error) {
          progress.inFlight -= 1;
          if (!(error instanceof NetworkError)) throw error;
          progress.unanswered += 1;
          if (attempt >= maxAttempts) {
            throw new Error(
              `${cmd.kind} ${cmd.key}: no answer after ${attempt} sends: ${error.message}`,
            );
          }
          if (options.gate) await options.gate.wait(120_000);
          await sleep(options.gate ? 20 : 200);
        }
      }
    }
  };
  await Promise.all(Array.from({ length: options.clients }, () => client()));
  return outcomes;
}

/** The acknowledgement in a 2xx answer (throws when the body does not have one). */
export function acknowledgementOf(outcome: Outcome): Acknowledgement {
  const { streamId, revision, position, id } = outcome.answer.body;
  if (
    typeof streamId !== 'string' ||
    typeof revision !== 'number' ||
    typeof position !== 'number'
  ) {
    throw new Error(
      `${outcome.command.kind} answered ${outcome.answer.status} without an acknowledgement: ` +
        JSON.stringify(outcome.answer.body).slice(0, 300),
    );
  }
  return { streamId, revision, position, ...(typeof id === 'string' ? { id } : {}) };
}

export const isSuccess = (outcome: Outcome): boolean =>
  outcome.answer.status >= 200 && outcome.answer.status < 300;
