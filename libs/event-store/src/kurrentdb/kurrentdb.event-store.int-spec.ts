import { spawnSync } from 'node:child_process';
import { GenericContainer, Wait, type StartedTestContainer } from 'testcontainers';
import { describeEventStoreContract } from '../contract/event-store.contract';
import { KurrentDbEventStore } from './kurrentdb.event-store';

/**
 * The shared contract suite against a real KurrentDB. The server comes from KURRENTDB_URL when it
 * is set (e.g. `kurrentdb://localhost:2113?tls=false`), else from a throw-away container when a
 * Docker engine answers; with neither, the suite is reported as skipped, loudly, never as passed.
 */
type ServerSource =
  | { readonly kind: 'url'; readonly url: string }
  | { readonly kind: 'docker'; readonly image: string }
  | { readonly kind: 'none'; readonly reason: string };

const IMAGE = process.env.KURRENTDB_IMAGE ?? 'docker.kurrent.io/kurrent-latest/kurrentdb:latest';
const PORT = 2113;

function serverSource(): ServerSource {
  const url = process.env.KURRENTDB_URL?.trim();
  if (url) return { kind: 'url', url };
  const docker = spawnSync('docker', ['info'], { stdio: 'ignore', timeout: 5_000 });
  if (docker.status === 0) return { kind: 'docker', image: IMAGE };
  return { kind: 'none', reason: 'KURRENTDB_URL is not set and no Docker engine answers' };
}

async function startKurrentDb(image: string): Promise<StartedTestContainer> {
  return new GenericContainer(image)
    .withEnvironment({
      KURRENTDB_INSECURE: 'true',
      KURRENTDB_CLUSTER_SIZE: '1',
      KURRENTDB_RUN_PROJECTIONS: 'None',
      KURRENTDB_MEM_DB: 'true',
      KURRENTDB_TELEMETRY_OPTOUT: 'true',
    })
    .withExposedPorts(PORT)
    .withWaitStrategy(Wait.forHttp('/health/live', PORT).forStatusCode(204))
    .withStartupTimeout(180_000)
    .start();
}

const source = serverSource();

if (source.kind === 'none') {
  // Straight to stderr: Jest drops console output of a file whose tests are all skipped when it
  // runs several files, and this line must be seen.
  process.stderr.write(
    `\n[kurrentdb contract] SKIPPED: ${source.reason}; the KurrentDB adapter was NOT exercised.\n` +
      '[kurrentdb contract] Set KURRENTDB_URL=kurrentdb://host:2113?tls=false, or run where Docker answers.\n\n',
  );
  describe.skip(`KurrentDbEventStore contract SKIPPED (${source.reason})`, () => {
    describeEventStoreContract('kurrentdb (not run)', () =>
      Promise.reject(new Error(source.reason)),
    );
  });
} else {
  const where = source.kind === 'url' ? `KURRENTDB_URL` : `container ${source.image}`;

  describe(`KurrentDbEventStore against ${where}`, () => {
    let container: StartedTestContainer | undefined;
    let connectionString = '';

    beforeAll(async () => {
      if (source.kind === 'url') {
        connectionString = source.url;
        return;
      }
      container = await startKurrentDb(source.image);
      connectionString = `kurrentdb://${container.getHost()}:${container.getMappedPort(PORT)}?tls=false`;
    }, 300_000);

    afterAll(async () => {
      await container?.stop();
    });

    // One server for every store the suite opens; each store is its own client connection.
    describeEventStoreContract(
      `kurrentdb (${where})`,
      async () => {
        const store = KurrentDbEventStore.connect(connectionString);
        await store.ping();
        return { store, dispose: () => store.close() };
      },
      // KurrentDB deduplicates ids per stream position only (see StoreCapabilities).
      { uniqueEventIdsAcrossStreams: false },
    );
  });
}
