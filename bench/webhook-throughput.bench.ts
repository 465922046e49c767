/**
 * webhook-throughput (issue 11 §5): deliveries/s of the webhook dispatcher to a local receiver
 * (map to CloudEvents, sign, POST, wait for the 2xx, save the checkpoint, one message at a time
 * as a subscription delivers in order), vs the baseline: the same number of plain HTTP POSTs of
 * the same bodies, one at a time, from this script to the same receiver, in the same run.
 */
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { CommandExecutor } from '@ledger/command-path';
import { generateWebhookSecret } from '@ledger/contracts';
import {
  programAggregate,
  programStreamId,
  projectAggregate,
  projectStreamId,
  webhookSubscriptionAggregate,
  webhookSubscriptionStreamId,
  type ProgramCommand,
  type ProjectCommand,
  type WebhookSubscriptionCommand,
} from '@ledger/domain';
import { SqliteEventStore } from '@ledger/event-store';
import { SqliteReadStore } from '@ledger/read-store';
import { WebhookDispatcher, WebhookSecrets, WebhookSender } from '@ledger/runtime';
import { perSecond, report, round } from './support/bench-report';
import { withTempDir } from './support/temp-dir';

const PROJECTS = Number(process.env.BENCH_WEBHOOK_MESSAGES ?? 2000);

export async function run(): Promise<void> {
  await withTempDir('webhook-throughput', async (dir) => {
    let received = 0;
    const bodies: string[] = [];
    let onCount: (() => void) | undefined;
    const receiver = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        received += 1;
        if (bodies.length < PROJECTS + 1) bodies.push(Buffer.concat(chunks).toString('utf8'));
        response.writeHead(204).end();
        onCount?.();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`;
    const events = await SqliteEventStore.open({ path: join(dir, 'events.sqlite') });
    const reads = await SqliteReadStore.open({ path: join(dir, 'read.sqlite') });
    let commandId = 0;
    const context = () => ({
      actor: { sub: 'bench', roles: ['pmo'] as ('pmo' | 'integration')[] },
      correlationId: 'bench',
      commandId: `bench-${(commandId += 1)}`,
    });
    try {
      const executor = new CommandExecutor(events);
      await executor.execute(
        programAggregate,
        programStreamId('pg1'),
        (meta): ProgramCommand => ({
          type: 'CreateProgram',
          data: {
            programId: 'pg1',
            name: 'Bench',
            customer: { id: 'c', name: 'C' },
            managerId: null,
          },
          meta,
        }),
        { ...context(), actor: { sub: 'bench', roles: ['pmo'] } },
      );
      for (let index = 0; index < PROJECTS; index += 1) {
        await executor.execute(
          projectAggregate,
          projectStreamId(`p${index}`),
          (meta): ProjectCommand => ({
            type: 'CreateProject',
            data: {
              projectId: `p${index}`,
              programId: 'pg1',
              contractId: 'ct1',
              name: `Project ${index}`,
              programIsOpen: true,
              contractIsRegistered: true,
            },
            meta,
          }),
          { ...context(), actor: { sub: 'bench', roles: ['pmo'] } },
        );
      }
      const secret = generateWebhookSecret();
      const secrets = new WebhookSecrets(reads, randomBytes(32));
      await secrets.save('bench', secret);
      await executor.execute(
        webhookSubscriptionAggregate,
        webhookSubscriptionStreamId('bench'),
        (meta): WebhookSubscriptionCommand => ({
          type: 'CreateWebhookSubscription',
          data: {
            subscriptionId: 'bench',
            url,
            eventTypes: 'all',
            programIds: ['pg1'],
            urlPolicy: { allowHttpLoopback: true },
          },
          meta,
        }),
        { ...context(), actor: { sub: 'bench', roles: ['integration'] } },
      );
      const messages = PROJECTS + 1;
      const dispatcher = new WebhookDispatcher({
        eventStore: events,
        readStore: reads,
        secrets,
        sender: new WebhookSender({ allowPrivateAddresses: true }),
        maxConsecutiveFailures: 10,
        pauseFailing: () => Promise.reject(new Error('the local receiver never fails')),
      });
      const done = new Promise<void>((resolve) => {
        onCount = () => {
          if (received >= messages) resolve();
        };
      });
      const started = process.hrtime.bigint();
      dispatcher.start();
      await done;
      const ours = perSecond(messages, started);
      await dispatcher.stop();

      // Baseline: the same bodies, plain POSTs one after another, no signing, no log.
      received = 0;
      const baselineStarted = process.hrtime.bigint();
      for (const body of bodies) {
        const response = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body,
        });
        await response.body?.cancel();
      }
      const baseline = perSecond(bodies.length, baselineStarted);
      report({
        bench: 'webhook-throughput',
        ours: round(ours),
        baseline: round(baseline),
        unit: 'deliveries/s',
        size: messages,
        sizeUnit: 'messages',
        messages,
      });
    } finally {
      await Promise.all([events.close(), reads.close()]);
      receiver.closeAllConnections();
      await new Promise<void>((resolve) => receiver.close(() => resolve()));
    }
  });
}
