import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { CommandExecutor, type CommandContext } from '@ledger/command-path';
import { generateWebhookSecret, webhookVerificationProblem } from '@ledger/contracts';
import {
  programAggregate,
  programStreamId,
  projectAggregate,
  projectStreamId,
  WEBHOOK_DISPATCHER_ACTOR,
  webhookSubscriptionAggregate,
  webhookSubscriptionStreamId,
  type Actor,
  type ProgramCommand,
  type ProjectCommand,
  type WebhookSubscriptionCommand,
  type WebhookSubscriptionState,
} from '@ledger/domain';
import { SqliteEventStore, type EventStore } from '@ledger/event-store';
import { SqliteReadStore } from '@ledger/read-store';
import { WebhookDispatcher } from './webhook-dispatcher';
import { WebhookSecrets } from './webhook-secrets';
import { WebhookSender } from './webhook-sender';
import { until } from '@ledger/testing';

interface Received {
  readonly id: string;
  readonly sequence: string;
  readonly programid: string;
  readonly verified: string | null;
}

/**
 * A real receiver on 127.0.0.1 that checks every signature with the function consumers copy,
 * answers 500 on purpose when told, and can be stopped and started on the same port.
 */
class Receiver {
  readonly received: Received[] = [];
  failing = false;
  /** Requests for these subscriptions get no answer (until the sender gives up on them). */
  readonly hanging = new Set<string>();
  requests = 0;
  private server: Server | undefined;
  port = 0;

  constructor(private readonly secrets: () => Map<string, string>) {}

  async start(): Promise<void> {
    const server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        this.requests += 1;
        if (this.hanging.has((request.url ?? '').split('/').pop() ?? '')) return;
        if (this.failing) {
          response.writeHead(500).end('on purpose');
          return;
        }
        const body = Buffer.concat(chunks).toString('utf8');
        const subscriptionId = (request.url ?? '').split('/').pop() ?? '';
        const message = JSON.parse(body) as { id: string; sequence: string; programid: string };
        this.received.push({
          id: message.id,
          sequence: message.sequence,
          programid: message.programid,
          verified: webhookVerificationProblem({
            headers: headersOf(request.headers),
            body,
            secret: this.secrets().get(subscriptionId) ?? 'whsec_none',
            nowSeconds: Math.floor(Date.now() / 1000),
          }),
        });
        response.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(this.port, '127.0.0.1', resolve));
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    server?.closeAllConnections();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  }

  urlFor(subscriptionId: string): string {
    return `http://127.0.0.1:${this.port}/hooks/${subscriptionId}`;
  }
}

const headersOf = (headers: IncomingHttpHeaders) => ({
  'webhook-id': String(headers['webhook-id'] ?? ''),
  'webhook-timestamp': String(headers['webhook-timestamp'] ?? ''),
  'webhook-signature': String(headers['webhook-signature'] ?? ''),
});

const erp: Actor = { sub: 'erp', roles: ['integration'] };
let commandCount = 0;
const context = (actor: Actor = { sub: 'alice', roles: ['pmo', 'project-manager'] }) => {
  commandCount += 1;
  return {
    actor,
    correlationId: `corr-${commandCount}`,
    commandId: `cmd-${commandCount}`,
  } satisfies CommandContext;
};

/** The real store, with a count of every read the dispatcher makes of it. */
function countingReads(store: EventStore): { store: EventStore; reads: () => number } {
  let reads = 0;
  const counted: EventStore = {
    append: (streamId, proposed, expected) => store.append(streamId, proposed, expected),
    readStream: (streamId, options) => {
      reads += 1;
      return store.readStream(streamId, options);
    },
    readAll: (options) => {
      reads += 1;
      return store.readAll(options);
    },
    subscribeToAll: (options) => store.subscribeToAll(options),
    headPosition: () => {
      reads += 1;
      return store.headPosition();
    },
    ping: () => store.ping(),
    close: () => store.close(),
  };
  return { store: counted, reads: () => reads };
}

describe('WebhookDispatcher (real SQLite stores, a real receiver on 127.0.0.1)', () => {
  let dir: string;
  let events: SqliteEventStore;
  let reads: SqliteReadStore;
  let executor: CommandExecutor;
  let receiver: Receiver;
  const secrets = new Map<string, string>();
  const secretKey = randomBytes(32);
  const dispatchers: WebhookDispatcher[] = [];
  /** A dispatcher's own errors (not a receiver's failures): none is expected. */
  const errors: string[] = [];

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ledger-webhooks-'));
    events = await SqliteEventStore.open({ path: join(dir, 'events.sqlite'), pollIntervalMs: 10 });
    reads = await SqliteReadStore.open({ path: join(dir, 'read.sqlite') });
    executor = new CommandExecutor(events);
    receiver = new Receiver(() => secrets);
    await receiver.start();
    secrets.clear();
  });
  afterEach(async () => {
    await Promise.all(dispatchers.splice(0).map((dispatcher) => dispatcher.stop()));
    expect(errors.splice(0)).toEqual([]);
    await receiver.stop();
    await Promise.all([events.close(), reads.close()]);
    rmSync(dir, { recursive: true, force: true });
  });

  const dispatcher = (
    maxConsecutiveFailures = 50,
    eventStore: EventStore = events,
    batchSize?: number,
  ) => {
    const created = new WebhookDispatcher({
      eventStore,
      ...(batchSize === undefined ? {} : { batchSize }),
      readStore: reads,
      secrets: new WebhookSecrets(reads, secretKey),
      sender: new WebhookSender({ allowPrivateAddresses: true, timeoutMs: 2000 }),
      maxConsecutiveFailures,
      retry: { initialMs: 5, maxMs: 40 },
      onError: (id, error) => errors.push(`${id}: ${error.message}`),
      pauseFailing: async (subscriptionId, consecutiveFailures) => {
        await executor.execute(
          webhookSubscriptionAggregate,
          webhookSubscriptionStreamId(subscriptionId),
          (meta): WebhookSubscriptionCommand => ({
            type: 'PauseFailingWebhookSubscription',
            data: { consecutiveFailures },
            meta,
          }),
          context(WEBHOOK_DISPATCHER_ACTOR),
        );
      },
    });
    dispatchers.push(created);
    created.start();
    return created;
  };

  const subscribe = async (subscriptionId: string, programIds: readonly string[]) => {
    const secret = generateWebhookSecret();
    secrets.set(subscriptionId, secret);
    await new WebhookSecrets(reads, secretKey).save(subscriptionId, secret);
    await executor.execute(
      webhookSubscriptionAggregate,
      webhookSubscriptionStreamId(subscriptionId),
      (meta): WebhookSubscriptionCommand => ({
        type: 'CreateWebhookSubscription',
        data: {
          subscriptionId,
          url: receiver.urlFor(subscriptionId),
          eventTypes: 'all',
          programIds,
          urlPolicy: { allowHttpLoopback: true },
        },
        meta,
      }),
      context(erp),
    );
  };

  const manage = (subscriptionId: string, type: 'ResumeWebhookSubscription') =>
    executor.execute(
      webhookSubscriptionAggregate,
      webhookSubscriptionStreamId(subscriptionId),
      (meta): WebhookSubscriptionCommand => ({ type, data: {}, meta }),
      context(erp),
    );

  const createProgram = (programId: string) =>
    executor.execute(
      programAggregate,
      programStreamId(programId),
      (meta): ProgramCommand => ({
        type: 'CreateProgram',
        data: {
          programId,
          name: 'Rollout',
          customer: { id: 'c1', name: 'Telco' },
          managerId: null,
        },
        meta,
      }),
      context(),
    );
  const createProject = (projectId: string, programId: string) =>
    executor.execute(
      projectAggregate,
      projectStreamId(projectId),
      (meta): ProjectCommand => ({
        type: 'CreateProject',
        data: {
          projectId,
          programId,
          contractId: 'ct1',
          name: `Project ${projectId}`,
          programIsOpen: true,
          contractIsRegistered: true,
        },
        meta,
      }),
      context(),
    );

  /** pg1 and pg2 with `projects` projects each: the public events of pg1, in log order. */
  const history = async (projects: number, from = 0): Promise<void> => {
    if (from === 0) {
      await createProgram('pg1');
      await createProgram('pg2');
    }
    for (let index = from; index < from + projects; index += 1) {
      await createProject(`p1-${index}`, 'pg1');
      await createProject(`p2-${index}`, 'pg2');
    }
  };

  const receivedBy = (programId: string) =>
    receiver.received.filter((message) => message.programid === programId);

  const inOrder = (messages: readonly Received[]) =>
    messages.every(
      (message, index) => index === 0 || message.sequence > messages[index - 1]!.sequence,
    );

  const subscriptionState = async (id: string): Promise<WebhookSubscriptionState> =>
    (await executor.load(webhookSubscriptionAggregate, webhookSubscriptionStreamId(id))).state;

  it('delivers every public event of its programs, in log order, each signature valid; another program gets none', async () => {
    await history(5);
    await subscribe('whs-pg1', ['pg1']);
    await subscribe('whs-pg9', ['pg9']);
    dispatcher();
    // pg1: ProgramCreated + 5 ProjectCreated.
    await until(() => receivedBy('pg1').length === 6, 'pg1 deliveries');
    await history(2, 5);
    await until(() => receivedBy('pg1').length === 8, 'live pg1 deliveries');
    const pg1 = receivedBy('pg1');
    expect(pg1.every((message) => message.verified === null)).toBe(true);
    expect(inOrder(pg1)).toBe(true);
    expect(new Set(pg1.map((message) => message.id)).size).toBe(8);
    expect(receiver.received.filter((message) => message.programid !== 'pg1')).toEqual([]);
  });

  it('a receiver that was down receives everything after it returns, in order, signatures valid', async () => {
    await subscribe('whs-pg1', ['pg1']);
    dispatcher();
    await history(1);
    await until(() => receivedBy('pg1').length === 2, 'first deliveries');
    await receiver.stop();
    await history(3, 1);
    await sleep(150);
    await receiver.start();
    await until(() => receivedBy('pg1').length >= 5, 'deliveries after the receiver returned');
    const pg1 = receivedBy('pg1');
    expect(pg1).toHaveLength(5);
    expect(inOrder(pg1)).toBe(true);
    expect(pg1.every((message) => message.verified === null)).toBe(true);
  });

  it('pauses after N failures in a row (an event by the system actor), lists them, and resumes from the failed message', async () => {
    await history(2);
    await subscribe('whs-pg1', ['pg1']);
    receiver.failing = true;
    const running = dispatcher(3);
    await until(async () => (await subscriptionState('whs-pg1')).status === 'paused', 'the pause');
    const recorded = await events.readStream(webhookSubscriptionStreamId('whs-pg1'));
    expect(recorded.map((event) => event.type)).toEqual([
      'WebhookSubscriptionCreated',
      'WebhookSubscriptionPaused',
    ]);
    expect(recorded[1]?.data).toMatchObject({
      reason: 'consecutive-failures',
      consecutiveFailures: 3,
      pausedBy: 'system:webhook-dispatcher',
    });
    const failures = await running.failures.list('whs-pg1');
    expect(failures.map((failure) => [failure.reason, failure.consecutiveFailures])).toEqual([
      ['http 500', 3],
      ['http 500', 2],
      ['http 500', 1],
    ]);
    const requestsWhenPaused = receiver.requests;
    await sleep(150);
    expect(receiver.requests).toBe(requestsWhenPaused);

    receiver.failing = false;
    await manage('whs-pg1', 'ResumeWebhookSubscription');
    await until(() => receivedBy('pg1').length === 3, 'deliveries after the resume');
    expect(inOrder(receivedBy('pg1'))).toBe(true);
  });

  it('moves a checkpoint over the events it does not take once per batch, not once per event', async () => {
    await history(5);
    await subscribe('whs-pg2', ['pg2']);
    await subscribe('whs-pg9', ['pg9']);
    const head = await events.headPosition();
    const saves = jest.spyOn(reads, 'saveCheckpoint');
    const savesOf = (subscriptionId: string) =>
      saves.mock.calls.filter(([name]) => name === `webhook:${subscriptionId}`).length;
    const batchSize = 5;
    dispatcher(50, events, batchSize);
    const atHead = async (subscriptionId: string) =>
      (await reads.getCheckpoint(`webhook:${subscriptionId}`)) === head;
    await until(async () => (await atHead('whs-pg2')) && (await atHead('whs-pg9')), 'the head');
    await sleep(100);
    // pg9 has no event: one save per batch of the log (14 events), where it used to be 14.
    expect(savesOf('whs-pg9')).toBe(Math.ceil(head / batchSize));
    // pg2: one save per delivery (ProgramCreated + 5 projects), and at most one per batch more.
    expect(receivedBy('pg2')).toHaveLength(6);
    expect(savesOf('whs-pg2')).toBeLessThanOrEqual(6 + Math.ceil(head / batchSize));
    expect(savesOf('whs-pg2')).toBeLessThan(head);
  });

  it('a pause leaves the checkpoint just before the failed message, skipped events included', async () => {
    // Positions: pg1 created 1, pg2 created 2, ...: whs-pg2 skips 1, then fails on 2.
    await history(1);
    await subscribe('whs-pg2', ['pg2']);
    receiver.failing = true;
    const running = dispatcher(2);
    await until(async () => (await subscriptionState('whs-pg2')).status === 'paused', 'the pause');
    const [failed] = await running.failures.list('whs-pg2');
    expect(failed?.eventPosition).toBe(2);
    await until(
      async () => (await reads.getCheckpoint('webhook:whs-pg2')) === 1,
      'the checkpoint over the skipped event',
    );
    receiver.failing = false;
    await manage('whs-pg2', 'ResumeWebhookSubscription');
    await until(() => receivedBy('pg2').length === 2, 'deliveries after the resume');
    expect(receivedBy('pg2').map((message) => Number(message.sequence))).toEqual([2, 4]);
  });

  it('sleeps while the log is quiet (no reads at all), and wakes on the next append', async () => {
    await history(1);
    await subscribe('whs-pg1', ['pg1']);
    await subscribe('whs-pg2', ['pg2']);
    const counted = countingReads(events);
    dispatcher(50, counted.store);
    await until(() => receivedBy('pg1').length === 2, 'first deliveries');
    await until(() => receivedBy('pg2').length === 2, 'first pg2 deliveries');
    // Settled: the rounds that found nothing new are done once the count holds still.
    let readsWhenIdle = counted.reads();
    await until(async () => {
      await sleep(150);
      const now = counted.reads();
      const settled = now === readsWhenIdle;
      readsWhenIdle = now;
      return settled;
    }, 'the dispatcher to settle');
    // Longer than the 250 ms at which the dispatcher used to poll every idle subscription.
    await sleep(700);
    expect(counted.reads()).toBe(readsWhenIdle);

    await createProject('p1-live', 'pg1');
    await until(() => receivedBy('pg1').length === 3, 'the delivery after the append');
    expect(receivedBy('pg2')).toHaveLength(2);
  });

  it('a receiver that hangs holds up only its own subscription', async () => {
    await history(1);
    await subscribe('whs-pg1', ['pg1']);
    await subscribe('whs-pg2', ['pg2']);
    receiver.hanging.add('whs-pg1');
    dispatcher();
    await until(() => receivedBy('pg2').length === 2, 'pg2 deliveries');
    await createProject('p2-live', 'pg2');
    await until(() => receivedBy('pg2').length === 3, 'the live pg2 delivery while pg1 hangs');
    expect(receivedBy('pg1')).toEqual([]);

    receiver.hanging.delete('whs-pg1');
    await until(() => receivedBy('pg1').length === 2, 'pg1 deliveries once its receiver answers');
    expect(inOrder(receivedBy('pg1'))).toBe(true);
  });

  it('replays from a position, and a restart resumes from the checkpoint without duplicates', async () => {
    await history(3);
    await subscribe('whs-pg1', ['pg1']);
    const first = dispatcher();
    await until(() => receivedBy('pg1').length === 4, 'first deliveries');
    await first.stop();

    await history(2, 3);
    dispatcher();
    await until(() => receivedBy('pg1').length === 6, 'deliveries after the restart');
    await sleep(100);
    const ids = receivedBy('pg1').map((message) => message.id);
    expect(new Set(ids).size).toBe(ids.length);

    const third = receivedBy('pg1')[2]!;
    await dispatchers[1]!.replay('whs-pg1', Number(third.sequence));
    await until(() => receivedBy('pg1').length === 10, 'the replay');
    expect(
      receivedBy('pg1')
        .slice(6)
        .map((message) => message.id),
    ).toEqual(ids.slice(2));
  });
});
