import { request, type ClientRequest, type IncomingMessage } from 'node:http';

/** One SSE message as a client sees it (comments are counted apart). */
export interface SseMessage {
  readonly id: string;
  readonly event: string;
  readonly data: string;
}

export interface SseConnection {
  readonly status: number;
  readonly headers: IncomingMessage['headers'];
  /** The body when the answer is not a stream (a refusal). */
  readonly body: Promise<string>;
  readonly messages: SseMessage[];
  readonly comments: string[];
  readonly retries: number[];
  /** Resolves when at least `count` messages arrived (or the stream ended first). */
  waitForMessages(count: number): Promise<void>;
  waitForComment(): Promise<void>;
  readonly ended: Promise<void>;
  close(): void;
}

/**
 * A minimal Server-Sent Events client over a real socket (inject cannot stream), parsing the
 * wire format as a browser's EventSource does: fields until a blank line, `:` comments.
 */
export function openSse(
  baseUrl: string,
  path: string,
  token: string,
  headers: Record<string, string> = {},
): Promise<SseConnection> {
  return new Promise((resolve, reject) => {
    const req: ClientRequest = request(
      `${baseUrl}${path}`,
      { headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream', ...headers } },
      (res) => {
        const messages: SseMessage[] = [];
        const comments: string[] = [];
        const retries: number[] = [];
        const waiters = new Set<() => void>();
        const notify = () => waiters.forEach((wake) => wake());
        let ended = false;
        const endedPromise = new Promise<void>((done) => {
          res.on('close', () => {
            ended = true;
            notify();
            done();
          });
        });
        const isStream = String(res.headers['content-type']).startsWith('text/event-stream');
        let raw = '';
        let pending = '';
        let fields: Record<string, string> = {};
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          if (!isStream) {
            raw += chunk;
            return;
          }
          pending += chunk;
          let newline: number;
          while ((newline = pending.indexOf('\n')) >= 0) {
            const line = pending.slice(0, newline);
            pending = pending.slice(newline + 1);
            if (line === '') {
              if (fields.data !== undefined)
                messages.push({
                  id: fields.id ?? '',
                  event: fields.event ?? '',
                  data: fields.data,
                });
              fields = {};
            } else if (line.startsWith(':')) {
              comments.push(line.slice(1).trim());
            } else {
              const colon = line.indexOf(':');
              const name = line.slice(0, colon);
              const value = line.slice(colon + 1).replace(/^ /, '');
              if (name === 'retry') retries.push(Number(value));
              else if (name === 'data')
                fields.data = fields.data === undefined ? value : `${fields.data}\n${value}`;
              else fields[name] = value;
            }
          }
          notify();
        });
        res.on('error', () => undefined);
        const until = (done: () => boolean) =>
          new Promise<void>((wake) => {
            const check = () => {
              if (done() || ended) {
                waiters.delete(check);
                wake();
              }
            };
            waiters.add(check);
            check();
          });
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: endedPromise.then(() => raw),
          messages,
          comments,
          retries,
          waitForMessages: (count) => until(() => messages.length >= count),
          waitForComment: () => until(() => comments.length > 0),
          ended: endedPromise,
          close: () => req.destroy(),
        });
      },
    );
    req.on('error', reject);
    req.end();
  });
}
