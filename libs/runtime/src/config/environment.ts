import { plainToInstance, Transform } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  Max,
  Min,
  MinLength,
  ValidateIf,
  validateSync,
} from 'class-validator';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const toInt = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;

/**
 * Every setting the service reads, validated once at start (ARCHITECTURE "Conventions"): a bad
 * or missing value stops the process with a message naming the variable. README lists them all.
 */
export class Environment {
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  @IsOptional()
  @IsString()
  HOST = '0.0.0.0';

  @IsOptional()
  @IsString()
  @MinLength(1)
  DATA_DIR = './data';

  @IsOptional()
  @IsIn(['sqlite', 'kurrentdb'])
  EVENT_STORE: 'sqlite' | 'kurrentdb' = 'sqlite';

  @ValidateIf((env: Environment) => env.EVENT_STORE === 'kurrentdb')
  @IsString()
  @MinLength(1, { message: 'KURRENTDB_URL is required when EVENT_STORE=kurrentdb' })
  KURRENTDB_URL?: string;

  @IsOptional()
  @IsIn(['embedded', 'mongodb'])
  READ_STORE: 'embedded' | 'mongodb' = 'embedded';

  /**
   * Who checkpoints the WAL of this process's SQLite files (events.sqlite, read.sqlite): a
   * worker thread of its own every 250 ms (`thread`, the default: WalCheckpointThread), or each writer's
   * COMMIT when the WAL reaches 1,000 pages, on the event loop (`inline`, SQLite's default).
   */
  @IsOptional()
  @IsIn(['thread', 'inline'])
  SQLITE_WAL_CHECKPOINTS: 'thread' | 'inline' = 'thread';

  /**
   * Who writes the read models: `in-process` (the default; the engine runs inside this api) or
   * `external` (apps/projector does; this api only reads and follows its checkpoints).
   */
  @IsOptional()
  @IsIn(['in-process', 'external'])
  PROJECTOR: 'in-process' | 'external' = 'in-process';

  @ValidateIf((env: Environment) => env.READ_STORE === 'mongodb')
  @IsString()
  @MinLength(1, { message: 'MONGODB_URI is required when READ_STORE=mongodb' })
  MONGODB_URI?: string;

  /**
   * How long a MongoDB operation waits for a reachable server before it fails (the driver's
   * serverSelectionTimeoutMS). A failed operation is retried by the projector, so this only
   * bounds how soon an outage is noticed and reported (`degraded` on /health).
   */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(300_000)
  MONGODB_SERVER_SELECTION_TIMEOUT_MS = 30_000;

  /** HS256 secret. Without it (and without a public key) the embedded default makes one. */
  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'JWT_SECRET must be at least 32 characters' })
  JWT_SECRET?: string;

  /** RS256: PEM public key (SPKI) for verifying tokens from an identity provider. */
  @IsOptional()
  @IsString()
  JWT_PUBLIC_KEY?: string;

  /** RS256: JWKS endpoint of the identity provider. */
  @IsOptional()
  @IsUrl({ require_tld: false })
  JWT_JWKS_URL?: string;

  @IsOptional()
  @IsString()
  JWT_ISSUER?: string;

  @IsOptional()
  @IsString()
  JWT_AUDIENCE?: string;

  /** Longest token lifetime accepted (exp − iat, or exp − now without iat); default 24 h. */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(60)
  @Max(30 * 24 * 60 * 60)
  JWT_MAX_LIFETIME_SECONDS = 24 * 60 * 60;

  /** Clock difference tolerated between the token issuer and this server (iat, nbf, exp). */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(600)
  JWT_CLOCK_SKEW_SECONDS = 60;

  @IsOptional()
  @IsIn(LOG_LEVELS)
  LOG_LEVEL: (typeof LOG_LEVELS)[number] = 'info';

  /** Largest request body accepted; larger ones get 413 before any parsing. */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1024)
  @Max(64 * 1024 * 1024)
  BODY_LIMIT_BYTES = 1024 * 1024;

  /** Attempts of one command on a concurrency conflict before answering 409. */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(50)
  COMMAND_MAX_ATTEMPTS = 5;

  /** Streams whose folded state the command path keeps between commands (LRU); 0 turns it off. */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  COMMAND_STATE_CACHE_SIZE = 1000;

  /** Requests one caller (token subject, else address) may make per minute; /health is exempt. */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(10_000_000)
  RATE_LIMIT_PER_MINUTE = 6000;

  /** The window the rate limit is counted over (its share of the per-minute rate); 429 until it ends. */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(3600)
  RATE_LIMIT_TTL_SECONDS = 60;

  /** Ed25519 private key (PKCS#8 PEM, `\n` escapes allowed) signing the log's checkpoints. */
  @IsOptional()
  @IsString()
  @MinLength(1)
  LEDGER_SIGNING_KEY?: string;

  /** A signed checkpoint is recorded once this many events are unsigned… */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(10_000_000)
  CHECKPOINT_EVERY_EVENTS = 1000;

  /** …or once an event has waited this long unsigned. */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(86_400)
  CHECKPOINT_EVERY_SECONDS = 10;

  /** Webhooks: a subscription whose deliveries fail this many times in a row is paused. */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1000)
  WEBHOOK_MAX_CONSECUTIVE_FAILURES = 10;

  /** Webhooks: one delivery attempt (connect to the answer's head) times out after this. */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(120_000)
  WEBHOOK_TIMEOUT_MS = 10_000;

  /**
   * Webhooks: `true` accepts http:// URLs to loopback and delivers to loopback and private
   * addresses (tests, a receiver on the same host). Off in production: SSRF (README, Webhooks).
   */
  @IsOptional()
  @IsIn(['true', 'false'])
  WEBHOOK_ALLOW_LOOPBACK: 'true' | 'false' = 'false';

  /**
   * Webhooks: key material the subscriptions' secrets are encrypted with at rest (AES-256-GCM,
   * key derived by HKDF). Without it, one kept in DATA_DIR/webhook-secret-key (embedded default);
   * set it, the same in every process, when the api and the writer do not share DATA_DIR.
   */
  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'WEBHOOK_SECRET_KEY must be at least 32 characters' })
  WEBHOOK_SECRET_KEY?: string;

  /** A request (headers and body) must arrive within this time, else 408 and the connection closes. */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(500)
  @Max(600_000)
  REQUEST_TIMEOUT_MS = 30_000;

  /** GET /api/feed: a comment line this often keeps idle feeds (and proxies) from timing out. */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(300_000)
  FEED_HEARTBEAT_MS = 15_000;

  /** GET /api/feed: a client whose socket stays full this long is dropped (it resumes later). */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(3_600_000)
  FEED_STALL_TIMEOUT_MS = 30_000;

  /** GET /api/feed: open feeds one token subject may hold; one more answers 429. */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(10_000)
  FEED_MAX_CONNECTIONS_PER_TOKEN = 4;

  /** GET /api/feed: open feeds in this process, all callers together; one more answers 429. */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100_000)
  FEED_MAX_CONNECTIONS = 200;
}

/** For ConfigModule.forRoot({ validate }): throws one message naming every bad variable. */
export function validateEnvironment(raw: Record<string, unknown>): Environment {
  const env = plainToInstance(Environment, raw, { exposeDefaultValues: true });
  const errors = validateSync(env, { whitelist: false, forbidUnknownValues: false });
  if (errors.length > 0) {
    const lines = errors.map(
      (error) => `  ${error.property}: ${Object.values(error.constraints ?? {}).join('; ')}`,
    );
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return env;
}
