import { z } from 'zod';
import { DEFAULT_AUDIT_RETENTION_DAYS } from '../domain/audit.ts';

const booleanFlag = z
  .enum(['0', '1', 'true', 'false', 'yes', 'no', ''])
  .transform((value) => value === '1' || value === 'true' || value === 'yes');

/** A plain decimal integer: no hex, no exponent, no sign. */
const integer = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d+$/, 'must be a whole number')
    .transform(Number)
    .pipe(z.number().int().min(min).max(max));

function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(hostname);
}

const envSchema = z.object({
  PORT: integer(0, 65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .refine((url) => /^postgres(ql)?:\/\//.test(url), 'must be a postgres:// or postgresql:// URL')
    .optional(),
  /** Live events shared by several instances (fan-out, presence, revocations); absent: in-process. */
  REDIS_URL: z
    .string()
    .refine((url) => /^rediss?:\/\/[^/]*/.test(url), 'must be a redis:// or rediss:// URL')
    .optional(),
  /** Prefix of every Redis key and channel, so several installations (or test runs) share a Redis. */
  REDIS_KEY_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9:_.-]{1,64}$/, 'letters, digits and : _ . - only')
    .default('archipel:'),
  PUBLIC_URL: z
    .url({ protocol: /^https?$/ })
    .transform((url) => url.replace(/\/+$/, ''))
    .optional(),
  SMTP_URL: z
    .string()
    .refine((url) => /^smtps?:\/\/[^/]+/.test(url), 'must be an smtp:// or smtps:// URL')
    .optional(),
  MAIL_FROM: z.string().min(3).default('Archipel <no-reply@archipel.localhost>'),
  ARCHIPEL_DEMO: booleanFlag.default(true),
  AUTH_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  AUTH_RATE_LIMIT: integer(1, 100000).default(10),
  TRUST_PROXY: booleanFlag.default(false),
  /** Guest joins (decision 051) one address may try per minute: codes cannot be guessed this way. */
  GUEST_JOINS_PER_ADDRESS_PER_MINUTE: integer(1, 100000).default(20),
  /** Guests one code may admit per minute on one instance. */
  GUEST_JOINS_PER_CODE_PER_MINUTE: integer(1, 100000).default(60),
  /** Seconds a job stays claimed by a runner without news from it (renewed while it runs). */
  JOB_LEASE_SECONDS: integer(1, 3600).default(60),
  JOB_CONCURRENCY: integer(1, 64).default(4),
  /** Live sockets one person may hold on one instance (one per browser tab); the next is refused. */
  LIVE_CONNECTIONS_PER_PERSON: integer(1, 1000).default(20),
  /**
   * Seconds between the pings the server sends on each live socket; a socket that has not answered
   * the previous ping by the next one is closed (a laptop put to sleep, a dropped network). Lower
   * it below a proxy's idle timeout (nginx's proxy_read_timeout is 60 s).
   */
  LIVE_HEARTBEAT_SECONDS: integer(1, 3600).default(30),
  /** Milliseconds an import may spend reading pad notes before it is refused as too complex. */
  IMPORT_TIME_LIMIT_MS: integer(1, 60_000).default(1_500),
  /**
   * Seconds a client has to send a whole request, body included (Node's default is 300: a slow
   * client could hold a connection and its body buffer that long). WebSockets are not concerned
   * once upgraded.
   */
  HTTP_REQUEST_TIMEOUT_SECONDS: integer(1, 600).default(30),
  /** Days the audit log keeps an entry; older ones are deleted by the once-a-minute tick. */
  AUDIT_RETENTION_DAYS: integer(1, 36500).default(DEFAULT_AUDIT_RETENTION_DAYS),
  /**
   * Months without a sign-in or any use after which an account is deleted (issue 15): its owner is
   * warned by mail 30 days before. At least 2, so the warning never comes before a month of absence.
   */
  INACTIVE_MONTHS: integer(2, 1200).default(36),
  /**
   * Single sign-on through an OpenID Connect provider (decision 039); off while unset. Plain http
   * only on a loopback host (a provider on the same machine, tests): elsewhere tokens would cross
   * the network readable.
   */
  OIDC_ISSUER: z
    .url({ protocol: /^https?$/ })
    .refine(
      (url) => url.startsWith('https://') || isLoopback(new URL(url).hostname),
      'must be an https:// URL (http:// only on localhost)',
    )
    .optional(),
  OIDC_CLIENT_ID: z.string().min(1).max(500).optional(),
  OIDC_CLIENT_SECRET: z.string().min(1).max(2000).optional(),
  OIDC_SCOPES: z
    .string()
    .regex(/^[\x21\x23-\x5B\x5D-\x7E]+( [\x21\x23-\x5B\x5D-\x7E]+)*$/, 'scopes separated by single spaces')
    .refine((scopes) => scopes.split(' ').includes('openid'), 'must include openid')
    .default('openid email profile'),
  /** The provider's name on the sign-in button ("Se connecter avec …"). */
  OIDC_LABEL: z.string().min(1).max(60).default('OpenID Connect'),
  /** Authentication levels to ask for (space-separated, e.g. eidas1); the ID token's acr must be one. */
  OIDC_ACR_VALUES: z
    .string()
    .regex(/^\S+( \S+)*$/, 'values separated by single spaces')
    .optional(),
  /** Single sign-on only: no password sign-up, reset or sign-in links; the web shows the provider's button alone. */
  OIDC_ONLY: booleanFlag.default(false),
  /**
   * For a provider that vouches for every address it gives but sends no `email_verified` claim:
   * its addresses count as verified (linking to an existing account by address). An explicit
   * `email_verified: false` is refused whatever this says.
   */
  OIDC_ASSUME_EMAIL_VERIFIED: booleanFlag.default(false),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

/** Single sign-on needs its client; OIDC_ONLY needs single sign-on. */
const checkedEnvSchema = envSchema.superRefine((env, context) => {
  if (!env.OIDC_ISSUER) {
    if (env.OIDC_ONLY)
      context.addIssue({ code: 'custom', path: ['OIDC_ONLY'], message: 'needs OIDC_ISSUER' });
    return;
  }
  for (const key of ['OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET'] as const) {
    if (!env[key]) context.addIssue({ code: 'custom', path: [key], message: 'needed with OIDC_ISSUER' });
  }
});

export type Env = z.infer<typeof envSchema> & { PUBLIC_URL: string };

/** Thrown with one line per bad variable, so start-up fails with a message a sysadmin can act on. */
export class EnvError extends Error {}

/** Parses the environment; empty strings count as unset. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== ''));
  const result = checkedEnvSchema.safeParse(cleaned);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new EnvError(`Invalid environment:\n${lines.join('\n')}`);
  }
  const env = result.data;
  return { ...env, PUBLIC_URL: env.PUBLIC_URL ?? `http://localhost:${env.PORT}` };
}
