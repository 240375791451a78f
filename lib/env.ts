import { z } from 'zod';
import { type ResolvedDatabaseUrl, resolveDatabaseUrl } from './db/url';

const flag = z
  .enum(['1', '0', 'true', 'false', 'on', 'off', 'yes', 'no'])
  .transform((v) => ['1', 'true', 'on', 'yes'].includes(v));

const EnvSchema = z.object({
  DATABASE_URL: z.string().optional(),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOSTNAME: z.string().min(1).default('0.0.0.0'),
  /**
   * Built-in fleet simulator (embedded demo): `on` posts simulated samples through the ingest API,
   * `wire` also runs fake miners on loopback that the collector polls, `off` runs none.
   */
  SWITCHYARD_SIMULATOR: z
    .enum(['1', '0', 'true', 'false', 'on', 'off', 'yes', 'no', 'wire'])
    .default('on')
    .transform((v): false | 'http' | 'wire' =>
      v === 'wire' ? 'wire' : ['1', 'true', 'on', 'yes'].includes(v) ? 'http' : false,
    ),
  SWITCHYARD_SIM_SEED: z.coerce.number().int().default(42),
  /** Seed the demo fleet when the database has no sites. */
  SWITCHYARD_SEED_DEMO: flag.default(true),
  /** Password for the first admin created on an empty database; random when unset. */
  SWITCHYARD_ADMIN_EMAIL: z.string().email().default('admin@switchyard.local'),
  SWITCHYARD_ADMIN_PASSWORD: z.string().min(12).optional(),
  /** Background jobs (rollups, retention, status, market refresh) in this process. */
  SWITCHYARD_JOBS: flag.default(true),
  /**
   * The collector (polls devices whose protocol is cgminer, axeos or dcgm) in this process. Unset:
   * on, except with SWITCHYARD_SIMULATOR=on, whose simulator already reports for every device
   * (the demo's LAN addresses are fictitious); see collectorEnabled().
   */
  SWITCHYARD_COLLECTOR: flag.optional(),
  /** Seconds between polls of one device, unless its site sets its own interval. */
  COLLECTOR_INTERVAL_S: z.coerce.number().int().min(5).max(3600).default(30),
  /** Devices polled at once by one instance. */
  COLLECTOR_CONCURRENCY: z.coerce.number().int().min(1).max(2_000).default(64),
  /** Budget of one device's poll (all its requests). */
  COLLECTOR_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(5_000),
  /** Trust X-Forwarded-For / X-Forwarded-Proto from a reverse proxy. */
  SWITCHYARD_TRUST_PROXY: flag.default(false),
  /** Force the Secure cookie attribute (otherwise set when the request arrived over TLS). */
  SWITCHYARD_SECURE_COOKIES: flag.optional(),
  /** Extra origins allowed for cookie-authenticated mutations, comma separated. */
  SWITCHYARD_ALLOWED_ORIGINS: z.string().default(''),
  RETENTION_RAW_HOURS: z.coerce.number().positive().default(48),
  RETENTION_5M_DAYS: z.coerce.number().positive().default(90),
  /** Hourly rollups are kept forever unless set. */
  RETENTION_1H_DAYS: z.coerce.number().positive().optional(),
  /** Days a resolved alert (with its timeline and notifications) is kept. */
  RETENTION_ALERTS_DAYS: z.coerce.number().positive().default(400),
  /** Expected seconds between samples of one device (offline after 3 missed intervals). */
  TELEMETRY_INTERVAL_S: z.coerce.number().int().min(1).max(3600).default(30),
  /** Seconds between alert evaluation ticks (lib/alerts). */
  ALERTS_INTERVAL_S: z.coerce.number().int().min(1).max(3600).default(30),
  /** SMTP server for e-mail notifications, e.g. smtp://user:pass@mail.example:587; unset = no e-mail. */
  SMTP_URL: z.string().url().optional(),
  SMTP_FROM: z.string().default('switchyard@localhost'),
  INGEST_MAX_SAMPLES: z.coerce.number().int().min(1).max(100_000).default(10_000),
  INGEST_RATE_LIMIT_PER_MIN: z.coerce.number().int().min(1).default(6_000),
  /** USD per euro for €/MWh electricity sources, unless market settings override it. */
  SWITCHYARD_EUR_USD: z.coerce.number().positive().max(10).default(1.08),
  /** Executor new AI jobs get unless they name one: the built-in simulator or a webhook receiver. */
  SWITCHYARD_EXECUTOR: z.enum(['simulated', 'webhook']).default('simulated'),
  /** Webhook executor: where job specs are POSTed, and the HMAC-SHA256 secret of both directions. */
  SWITCHYARD_EXECUTOR_WEBHOOK_URL: z.url({ protocol: /^https?$/ }).optional(),
  SWITCHYARD_EXECUTOR_WEBHOOK_SECRET: z.string().min(16, 'use at least 16 characters').optional(),
  /** Simulated executor pace: simulated seconds per real second (3600 runs a 1-hour job in 1 s). */
  SWITCHYARD_SIM_JOB_SPEED: z.coerce.number().positive().max(10_000_000).default(1),
  /**
   * The one server secret (lib/secrets) that encrypts stored credentials. Unset on SQLite: generated
   * on first use and kept in the data folder (owner-only); required on PostgreSQL (instances share it).
   */
  SWITCHYARD_SECRET: z.string().min(32, 'use at least 32 characters').optional(),
  /** Port of the Braiins OS public gRPC API (power targets) on each Braiins miner's host. */
  BRAIINS_GRPC_PORT: z.coerce.number().int().min(1).max(65535).default(50051),
  /** Remote actions: seconds before a sent action not yet seen in telemetry is timed out (reboot: ×2). */
  ACTION_CONFIRM_TIMEOUT_S: z.coerce.number().int().min(10).max(3600).default(180),
});

export type Env = z.infer<typeof EnvSchema> & { db: ResolvedDatabaseUrl };

let cached: Env | undefined;

/** Parses the environment once; a bad value stops start-up with a message naming the variable. */
export function getEnv(source: NodeJS.ProcessEnv = process.env): Env {
  if (cached && source === process.env) return cached;
  const parsed = EnvSchema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid environment:\n${lines.join('\n')}`);
  }
  const env = { ...parsed.data, db: resolveDatabaseUrl(parsed.data.DATABASE_URL) };
  if (source === process.env) cached = env;
  return env;
}

/** Whether this process runs the collector (SWITCHYARD_COLLECTOR, defaulting by simulator mode). */
export function collectorEnabled(env: Env): boolean {
  return env.SWITCHYARD_COLLECTOR ?? env.SWITCHYARD_SIMULATOR !== 'http';
}

/** For tests that change process.env between cases. */
export function resetEnvCache() {
  cached = undefined;
}
