import { spawnSync } from 'node:child_process';
import { GenericContainer, Wait, type StartedTestContainer } from 'testcontainers';

/**
 * Where the KurrentDB tests get a server: KURRENTDB_URL when it is set (e.g.
 * `kurrentdb://localhost:2113?tls=false`), else a throw-away container when a Docker engine
 * answers, else none (the suites then skip, loudly, and never report a pass).
 */
export type ServerSource =
  | { readonly kind: 'url'; readonly url: string }
  | { readonly kind: 'docker'; readonly image: string }
  | { readonly kind: 'none'; readonly reason: string };

export const KURRENTDB_IMAGE =
  process.env.KURRENTDB_IMAGE ?? 'docker.kurrent.io/kurrent-latest/kurrentdb:latest';
export const KURRENTDB_PORT = 2113;

export function serverSource(): ServerSource {
  const url = process.env.KURRENTDB_URL?.trim();
  if (url) return { kind: 'url', url };
  const docker = spawnSync('docker', ['info'], { stdio: 'ignore', timeout: 5_000 });
  if (docker.status === 0) return { kind: 'docker', image: KURRENTDB_IMAGE };
  return { kind: 'none', reason: 'KURRENTDB_URL is not set and no Docker engine answers' };
}

export interface KurrentDbContainerOptions {
  /**
   * Keep the data on the container's disk, not in memory, so `container.restart()` brings the
   * same log back (an in-memory database starts empty again).
   */
  readonly onDisk?: boolean;
  /**
   * Bind the server to this host port: a restarted container otherwise gets a new mapped port,
   * and a client can only reconnect to the address it was given.
   */
  readonly hostPort?: number;
}

export async function startKurrentDb(
  image: string,
  options: KurrentDbContainerOptions = {},
): Promise<StartedTestContainer> {
  return new GenericContainer(image)
    .withEnvironment({
      KURRENTDB_INSECURE: 'true',
      KURRENTDB_CLUSTER_SIZE: '1',
      KURRENTDB_RUN_PROJECTIONS: 'None',
      KURRENTDB_MEM_DB: options.onDisk ? 'false' : 'true',
      KURRENTDB_TELEMETRY_OPTOUT: 'true',
    })
    .withExposedPorts(
      options.hostPort === undefined
        ? KURRENTDB_PORT
        : { container: KURRENTDB_PORT, host: options.hostPort },
    )
    .withWaitStrategy(Wait.forHttp('/health/live', KURRENTDB_PORT).forStatusCode(204))
    .withStartupTimeout(180_000)
    .start();
}

/** The client's connection string for a started container. */
export function connectionStringOf(container: StartedTestContainer): string {
  return `kurrentdb://${container.getHost()}:${container.getMappedPort(KURRENTDB_PORT)}?tls=false`;
}

/**
 * Registers the suite's beforeAll / afterAll for one server: the URL's, or a throw-away container
 * started once for the whole suite and stopped after it. Answers the connection string (known
 * once beforeAll has run).
 */
export function useKurrentDbServer(
  source: Exclude<ServerSource, { readonly kind: 'none' }>,
): () => string {
  let container: StartedTestContainer | undefined;
  let connectionString = '';

  beforeAll(async () => {
    if (source.kind === 'url') {
      connectionString = source.url;
      return;
    }
    container = await startKurrentDb(source.image);
    connectionString = connectionStringOf(container);
  }, 300_000);

  afterAll(async () => {
    await container?.stop();
  });

  return () => connectionString;
}
