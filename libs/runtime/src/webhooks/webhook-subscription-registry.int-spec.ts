import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CommandExecutor, type CommandContext } from '@ledger/command-path';
import {
  webhookSubscriptionAggregate,
  webhookSubscriptionStreamId,
  type WebhookSubscriptionCommand,
} from '@ledger/domain';
import { SqliteEventStore, type EventStore, type ReadAllOptions } from '@ledger/event-store';
import { createPrograms } from '../public-events/public-events.spec-fixtures';
import { WebhookSubscriptionRegistry } from './webhook-subscription-registry';

let commands = 0;
const context = (): CommandContext => {
  commands += 1;
  return {
    actor: { sub: 'erp', roles: ['integration', 'pmo'] },
    correlationId: `corr-${commands}`,
    commandId: `cmd-${commands}`,
  };
};

describe('WebhookSubscriptionRegistry (real SQLite log)', () => {
  let dir: string;
  let store: SqliteEventStore;
  let executor: CommandExecutor;
  /** Where each readAll of the registry started. */
  let readsAfter: number[];
  let counted: EventStore;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'webhook-registry-'));
    store = await SqliteEventStore.open({ path: join(dir, 'events.sqlite') });
    executor = new CommandExecutor(store);
    readsAfter = [];
    counted = new Proxy(store, {
      get(target, property) {
        if (property === 'readAll') {
          return (options: ReadAllOptions) => {
            readsAfter.push(options.after ?? 0);
            return target.readAll(options);
          };
        }
        const value: unknown = Reflect.get(target, property, target);
        return typeof value === 'function' ? (value as () => unknown).bind(target) : value;
      },
    });
  });

  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Log noise for the registry: a program's events, no subscription among them. */
  const createProgram = (programId: string) => createPrograms(store, [programId]);

  const subscribe = (subscriptionId: string) =>
    executor.execute(
      webhookSubscriptionAggregate,
      webhookSubscriptionStreamId(subscriptionId),
      (meta): WebhookSubscriptionCommand => ({
        type: 'CreateWebhookSubscription',
        data: {
          subscriptionId,
          url: 'https://receiver.example/hook',
          eventTypes: 'all',
          programIds: ['pg1'],
          urlPolicy: { allowHttpLoopback: false },
        },
        meta,
      }),
      context(),
    );

  it('reads on from the head it looked through, not from its last subscription event', async () => {
    const registry = new WebhookSubscriptionRegistry(counted);
    await createProgram('pg1');
    await createProgram('pg2');
    const headBefore = await store.headPosition();
    await registry.refresh();
    expect(registry.all()).toEqual([]);
    await createProgram('pg3');
    await registry.refresh();
    // The second refresh starts where the first looked through: the log's head then, although
    // no subscription event was found (it used to start from 0 again, every time).
    expect(readsAfter).toEqual([0, headBefore]);
  });

  it('still finds every subscription appended before, between and after refreshes', async () => {
    const registry = new WebhookSubscriptionRegistry(counted);
    await subscribe('whs-1');
    await createProgram('pg1');
    await registry.refresh();
    await createProgram('pg2');
    await subscribe('whs-2');
    await registry.refresh();
    await registry.refresh();
    await subscribe('whs-3');
    await registry.refresh();
    expect(
      registry
        .all()
        .map((subscription) => subscription.subscriptionId)
        .sort(),
    ).toEqual(['whs-1', 'whs-2', 'whs-3']);
  });
});
