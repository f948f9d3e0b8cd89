import { z } from 'zod';

const port = z.coerce.number().int().min(0).max(65535);
const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

/** Every environment variable the server reads. The README's configuration table mirrors this. */
export const ZConfig = z.object({
  PORT: port.default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  DATA_DIR: z.string().min(1).default('./data'),
  DB_POOL_MAX: z.coerce.number().int().min(1).max(200).default(10),
  /** Only for tests: put every table in this schema (created if missing). */
  DB_SCHEMA: z
    .string()
    .regex(/^[a-z_][a-z0-9_]{0,62}$/, 'lower-case identifier')
    .optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  TRUST_PROXY: bool.default(false),
  SESSION_COOKIE_SECURE: bool.default(false),
  LOGIN_RATE_LIMIT_PER_IP: z.coerce.number().int().min(1).max(10_000).default(30),
  LOGIN_RATE_LIMIT_PER_ACCOUNT: z.coerce.number().int().min(1).max(10_000).default(10),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(10_000),
  GREENMES_DEMO: bool.default(true),
  /** days of generated meter history the demo gets on its first start (0: none) */
  GREENMES_DEMO_HISTORY_DAYS: z.coerce.number().int().min(0).max(3650).default(396),
  GREENMES_DEMO_PASSWORD: z.string().min(8, 'must be at least 8 characters').default('greenmes-demo'),
  GREENMES_OPERATOR_USERNAME: z.string().min(2).max(64).default('operator'),
  GREENMES_OPERATOR_PASSWORD: z.string().min(8, 'must be at least 8 characters').optional(),
  WEB_DIST_DIR: z.string().optional(),
  /** External MQTT broker (mqtt://, mqtts://, ws://); unset = the embedded broker on MQTT_PORT. */
  MQTT_URL: z
    .string()
    .regex(/^(mqtts?|wss?|tcp):\/\//, 'must be an mqtt://, mqtts://, ws:// or wss:// URL')
    .optional(),
  /** Port of the embedded broker (0 = any free port). */
  MQTT_PORT: port.default(1883),
  MQTT_HOST: z.string().min(1).default('0.0.0.0'),
  /** Client id prefix on an external broker; keep it stable per instance so unacknowledged messages are redelivered. */
  MQTT_CLIENT_ID: z.string().min(1).max(40).optional(),
  /** Connections sharing the ingest subscription on an external broker (each handles one message at a time). */
  MQTT_INGEST_CONNECTIONS: z.coerce.number().int().min(1).max(64).default(8),
  /** Flush a batch at this many samples… */
  INGEST_BATCH_MAX: z.coerce.number().int().min(1).max(100_000).default(5000),
  /** …or after this many milliseconds. */
  INGEST_BATCH_DELAY_MS: z.coerce.number().int().min(0).max(10_000).default(20),
  /** Samples queued in memory at most; senders wait beyond it (back-pressure). */
  INGEST_QUEUE_MAX: z.coerce.number().int().min(1000).max(10_000_000).default(100_000),
  /** Raw samples older than this are packed into one row per metric per hour. */
  TELEMETRY_COMPACT_AFTER_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 365)
    .default(24),
  /** Background jobs (rollups, compaction, retention, alarms); tests turn them off and run them by hand. */
  JOBS_ENABLED: bool.default(true),
});
export type Config = z.infer<typeof ZConfig>;

export class ConfigError extends Error {}

/** Parses the environment; a bad value stops the boot with a message naming the variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const known = Object.fromEntries(
    Object.keys(ZConfig.shape).flatMap((k) => (env[k] === undefined || env[k] === '' ? [] : [[k, env[k]]])),
  );
  const parsed = ZConfig.safeParse(known);
  if (!parsed.success) {
    const lines = parsed.error.issues.map(
      (i) => `  ${i.path.join('.')}=${String(known[String(i.path[0])] ?? '')}: ${i.message}`,
    );
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return parsed.data;
}
