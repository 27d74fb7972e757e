import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { parseAmiUrls, type AmiEndpoint } from './ami-url';

/** Everything a service reads from its environment, parsed once and validated at start-up. */
export interface AppConfig {
  readonly port: number;
  readonly host: string;
  readonly dataDir: string;
  /** Unset: the in-process bus (single process). */
  readonly natsUrl?: string;
  readonly natsUser?: string;
  readonly natsPass?: string;
  /**
   * NATS_REPLICAS: copies a NATS cluster keeps of every JetStream stream and of the lease KV bucket
   * (1 to 5): 1 on a single server, 3 on a 3-node cluster so a node can fail or be upgraded.
   */
  readonly natsReplicas: number;
  /**
   * READY_MAX_CONSUMER_LAG: a durable consumer further behind than this many messages makes its
   * service not ready; 0: no bound.
   */
  readonly readyMaxConsumerLag: number;
  /** Empty: no PBX configured (single process starts the simulator). */
  readonly amiEndpoints: readonly AmiEndpoint[];
  /** sqlite:<path> | memory: | esdb://… */
  readonly eventStoreUrl: string;
  /** sqlite:<path> | postgres://… */
  readonly databaseUrl: string;
  readonly directoryFile: string;
  readonly logLevel: string;
  readonly actionTimeoutMs: number;
  /** AMI event names the gateway does not publish (high-volume events nothing consumes). */
  readonly amiEventFilter: readonly string[];
  readonly auth: AuthConfig;
  /**
   * SOFTPHONE_WSS_URL: the PBX's SIP-over-WebSocket address (e.g. wss://pbx.example.com:8089/ws)
   * the agent desktop's browser softphone registers to; unset: no softphone.
   */
  readonly softphoneWssUrl?: string;
}

export interface AuthConfig {
  /** Signs and verifies bearer tokens; every service of one deployment needs the same one. */
  readonly secret: string;
  /** False when AUTH_SECRET was not given and a random per-process secret is used instead. */
  readonly secretConfigured: boolean;
  readonly tokenTtlSeconds: number;
}

/** Readiness bound on a consumer's lag when READY_MAX_CONSUMER_LAG is not set. */
export const DEFAULT_READY_MAX_CONSUMER_LAG = 10_000;

export function loadConfig(env: NodeJS.ProcessEnv = process.env, defaults: Partial<AppConfig> = {}): AppConfig {
  const dataDir = path.resolve(env['DATA_DIR'] ?? defaults.dataDir ?? './data');
  const port = intFrom(env['PORT'], defaults.port ?? 3000, 'PORT');
  return {
    port,
    host: env['HOST'] ?? defaults.host ?? '0.0.0.0',
    dataDir,
    natsUrl: env['NATS_URL'] || defaults.natsUrl,
    natsUser: env['NATS_USER'] || undefined,
    natsPass: env['NATS_PASS'] || undefined,
    natsReplicas: natsReplicasFrom(env),
    readyMaxConsumerLag: intFrom(
      env['READY_MAX_CONSUMER_LAG'],
      DEFAULT_READY_MAX_CONSUMER_LAG,
      'READY_MAX_CONSUMER_LAG',
      ' (0: no bound)',
    ),
    amiEndpoints: env['AMI_URL'] ? parseAmiUrls(env['AMI_URL']) : (defaults.amiEndpoints ?? []),
    eventStoreUrl:
      env['EVENTSTORE_URL'] ?? defaults.eventStoreUrl ?? `sqlite:${path.join(dataDir, 'events.sqlite')}`,
    databaseUrl:
      env['DATABASE_URL'] ?? defaults.databaseUrl ?? `sqlite:${path.join(dataDir, 'report.sqlite')}`,
    directoryFile: path.resolve(
      env['DIRECTORY_FILE'] ?? defaults.directoryFile ?? 'config/directory.yaml',
    ),
    logLevel: env['LOG_LEVEL'] ?? defaults.logLevel ?? 'info',
    actionTimeoutMs: intFrom(env['AMI_ACTION_TIMEOUT_MS'], defaults.actionTimeoutMs ?? 5000, 'AMI_ACTION_TIMEOUT_MS'),
    amiEventFilter: (env['AMI_EVENT_FILTER'] ?? '')
      .split(',')
      .map((e) => e.trim())
      .filter((e) => e.length > 0),
    auth: authFrom(env),
    softphoneWssUrl: softphoneUrlFrom(env['SOFTPHONE_WSS_URL']),
  };
}

function softphoneUrlFrom(value: string | undefined): string | undefined {
  if (value === undefined || value === '') return undefined;
  // Checked here so a typo stops the start-up instead of every browser failing to connect.
  const url = URL.canParse(value) ? new URL(value) : undefined;
  if (!url || (url.protocol !== 'wss:' && url.protocol !== 'ws:'))
    throw new Error('SOFTPHONE_WSS_URL must be a wss:// (or ws://) URL, e.g. wss://pbx.example.com:8089/ws');
  return url.href;
}

function authFrom(env: NodeJS.ProcessEnv): AuthConfig {
  const given = env['AUTH_SECRET'];
  // A short secret makes HMAC tokens forgeable by brute force: refuse it rather than run weak.
  if (given !== undefined && given !== '' && given.length < 32)
    throw new Error('AUTH_SECRET must be at least 32 characters');
  return {
    // Unset: fine for one process (tokens only need to verify where they were signed); services
    // run apart must share AUTH_SECRET or each refuses the others' tokens (start-up warns).
    secret: given || randomBytes(32).toString('base64url'),
    secretConfigured: Boolean(given),
    tokenTtlSeconds: intFrom(env['AUTH_TOKEN_TTL_SECONDS'], 12 * 3600, 'AUTH_TOKEN_TTL_SECONDS'),
  };
}

function natsReplicasFrom(env: NodeJS.ProcessEnv): number {
  // The former name covered the streams only: refused rather than ignored, since ignoring it would
  // quietly declare a 3-replica production stream with one copy.
  if (env['NATS_STREAM_REPLICAS'] !== undefined)
    throw new Error('NATS_STREAM_REPLICAS is now NATS_REPLICAS (streams and the lease bucket): rename the setting');
  const value = env['NATS_REPLICAS'];
  if (value === undefined || value === '') return 1;
  const n = Number(value);
  // JetStream's own limits.
  if (!Number.isInteger(n) || n < 1 || n > 5) throw new Error('NATS_REPLICAS must be an integer from 1 to 5');
  return n;
}

function intFrom(value: string | undefined, fallback: number, name: string, hint = ''): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a non-negative integer${hint}`);
  return n;
}
