import type { Kysely } from 'kysely';
import {
  type InstanceSettings,
  instanceSettingsSchema,
  type RetentionFacts,
} from '../../../contract/instance.ts';
import type { DB } from '../../db/schema.ts';
import type { Env } from '../../env.ts';

/** The row of instance_settings (a key–value table) holding the settings, as one JSON document. */
const SETTINGS_KEY = 'instance';

/**
 * The instance's settings; the defaults for what was never set. A stored document that no longer
 * parses (an older shape) falls back field by field to the defaults rather than failing the pages.
 */
export async function readInstanceSettings(db: Kysely<DB>): Promise<InstanceSettings> {
  const row = await db
    .selectFrom('instanceSettings')
    .select('value')
    .where('key', '=', SETTINGS_KEY)
    .executeTakeFirst();
  let stored: unknown = {};
  try {
    stored = row ? JSON.parse(row.value) : {};
  } catch {
    stored = {};
  }
  const parsed = instanceSettingsSchema.safeParse(stored);
  return parsed.success ? parsed.data : instanceSettingsSchema.parse({});
}

/** Replaces the settings as a whole (the console sends them all), in the caller's transaction. */
export async function writeInstanceSettings(trx: Kysely<DB>, settings: InstanceSettings): Promise<void> {
  const value = JSON.stringify(settings);
  await trx
    .insertInto('instanceSettings')
    .values({ key: SETTINGS_KEY, value })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
    .execute();
}

/**
 * What the privacy page states the instance keeps and how long, read from the code's real
 * periods: auth.ts (sessions, 30 days), the audit log's and inactive accounts' settings,
 * idempotency keys (24 h), finished jobs (pruned after 30 days by background-jobs.ts).
 */
export function retentionFacts(env: Pick<Env, 'AUDIT_RETENTION_DAYS' | 'INACTIVE_MONTHS'>): RetentionFacts {
  return {
    sessionDays: 30,
    auditRetentionDays: env.AUDIT_RETENTION_DAYS,
    inactiveMonths: env.INACTIVE_MONTHS,
    inactiveWarningDays: 30,
    idempotencyHours: 24,
    finishedJobsDays: 30,
  };
}
