import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DB } from '../../db/schema.ts';
import { enqueueJob } from '../../jobs/jobs.ts';
import { deliverOnce, findRecipient } from '../../mail/mail-delivery.ts';
import { mailText } from '../../mail/mail-i18n.ts';
import { recordAudit } from '../audit/audit.public.ts';
import { defineJob, type TickDeps } from '../feature-descriptor.ts';
import { eraseAccount } from './account-erasure.ts';

const DAY = 86_400_000;
/** The warning goes this long before the deletion. */
export const INACTIVE_NOTICE_DAYS = 30;
/** Accounts handled per tick: a backlog is worked through minute after minute, never all at once. */
const BATCH = 50;

export const INACTIVE_WARNING_KIND = 'account.inactive-warning';

/** `months` calendar months before `now`, in UTC. */
function monthsBefore(now: Date, months: number): Date {
  const at = new Date(now);
  at.setUTCMonth(at.getUTCMonth() - months);
  return at;
}

/**
 * Once a minute, on every instance: warn the accounts inactive for INACTIVE_MONTHS less 30 days
 * (one mail, through the queue, keyed by the account and the day it was warned), and delete those
 * still inactive 30 days after their warning, as "Supprimer mon compte" does. Each account is one
 * transaction; the conditions are checked again in it, so two instances never act twice.
 */
export async function tickInactiveAccounts(db: Kysely<DB>, now: Date, deps: TickDeps): Promise<void> {
  const warnBefore = new Date(
    monthsBefore(now, deps.env.INACTIVE_MONTHS).getTime() + INACTIVE_NOTICE_DAYS * DAY,
  );
  const deleteBefore = new Date(now.getTime() - INACTIVE_NOTICE_DAYS * DAY);
  for (const id of await dueForWarning(db, warnBefore)) await warn(db, id, warnBefore, now);
  for (const id of await dueForDeletion(db, deleteBefore))
    await deleteInactive(db, id, deleteBefore, deps, now);
}

function accounts(db: Kysely<DB>) {
  return db
    .selectFrom('users')
    .select('id')
    .where('deletedAt', 'is', null)
    .where('isPlaceholder', '=', false);
}

async function dueForWarning(db: Kysely<DB>, warnBefore: Date) {
  const rows = await accounts(db)
    .where((eb) => eb(eb.fn.coalesce('lastActiveAt', 'createdAt'), '<=', warnBefore.toISOString()))
    // Warned before, then back, then gone again: warned again.
    .where((eb) =>
      eb.or([
        eb('inactiveWarnedAt', 'is', null),
        eb('inactiveWarnedAt', '<', eb.fn.coalesce('lastActiveAt', 'createdAt')),
      ]),
    )
    .orderBy('id')
    .limit(BATCH)
    .execute();
  return rows.map((row) => row.id);
}

async function dueForDeletion(db: Kysely<DB>, deleteBefore: Date) {
  const rows = await accounts(db)
    .where('inactiveWarnedAt', '<=', deleteBefore.toISOString())
    .where((eb) => eb(eb.fn.coalesce('lastActiveAt', 'createdAt'), '<', eb.ref('inactiveWarnedAt')))
    .orderBy('id')
    .limit(BATCH)
    .execute();
  return rows.map((row) => row.id);
}

async function warn(db: Kysely<DB>, userId: string, warnBefore: Date, now: Date) {
  await db.transaction().execute(async (trx) => {
    const claimed = await trx
      .updateTable('users')
      .set({ inactiveWarnedAt: now.toISOString() })
      .where('id', '=', userId)
      .where('deletedAt', 'is', null)
      .where((eb) => eb(eb.fn.coalesce('lastActiveAt', 'createdAt'), '<=', warnBefore.toISOString()))
      .where((eb) =>
        eb.or([
          eb('inactiveWarnedAt', 'is', null),
          eb('inactiveWarnedAt', '<', eb.fn.coalesce('lastActiveAt', 'createdAt')),
        ]),
      )
      .executeTakeFirst();
    if (Number(claimed.numUpdatedRows) === 0) return;
    const deleteOn = new Date(now.getTime() + INACTIVE_NOTICE_DAYS * DAY).toISOString();
    await enqueueJob(trx, {
      kind: INACTIVE_WARNING_KIND,
      payload: { userId, deleteOn },
      key: `account.inactive-warning:${userId}:${now.toISOString().slice(0, 10)}`,
    });
    await recordAudit(trx, { kind: 'account.inactive-warned', subject: { kind: 'user', id: userId } }, now);
  });
}

async function deleteInactive(db: Kysely<DB>, userId: string, deleteBefore: Date, deps: TickDeps, now: Date) {
  await db.transaction().execute(async (trx) => {
    // Checked again under the transaction: a sign-in since the listing keeps the account.
    const still = await trx
      .selectFrom('users')
      .select('id')
      .where('id', '=', userId)
      .where('inactiveWarnedAt', '<=', deleteBefore.toISOString())
      .where((eb) => eb(eb.fn.coalesce('lastActiveAt', 'createdAt'), '<', eb.ref('inactiveWarnedAt')))
      .executeTakeFirst();
    if (!still) return;
    if (!(await eraseAccount(trx, userId, deps.leaving, now))) return;
    await recordAudit(trx, { kind: 'account.inactive-deleted', subject: { kind: 'user', id: userId } }, now);
  });
}

/** The one warning: sent only while the account is still warned and not back (checked at send time). */
export const inactiveWarningJob = defineJob({
  kind: INACTIVE_WARNING_KIND,
  payload: z.object({ userId: z.string().min(1).max(100), deleteOn: z.iso.datetime() }),
  handle: async ({ userId, deleteOn }, context, { mail }) => {
    const row = await mail.db
      .selectFrom('users')
      .select(['inactiveWarnedAt', 'lastActiveAt', 'createdAt', 'deletedAt'])
      .where('id', '=', userId)
      .executeTakeFirst();
    if (!row || row.deletedAt !== null || row.inactiveWarnedAt === null) return;
    const recipient = await findRecipient(mail.db, userId);
    if (!recipient) return;
    const t = mailText(recipient.locale);
    const date = new Intl.DateTimeFormat(t('dateLocale'), { dateStyle: 'long', timeZone: 'UTC' }).format(
      new Date(deleteOn),
    );
    await deliverOnce(mail, {
      key: context.job.key ?? `job:${context.job.id}`,
      jobId: context.job.id,
      recipient,
      // About the account itself: sent whatever the mail preference.
      category: 'account',
      content: {
        subject: t('myData.inactiveSubject', { date }),
        blocks: [
          { kind: 'paragraph', text: t('hello', { name: recipient.name }) },
          { kind: 'paragraph', text: t('myData.inactiveBody', { date }) },
          { kind: 'paragraph', text: t('myData.inactiveKeep') },
          { kind: 'button', label: t('myData.inactiveButton'), url: `${mail.publicUrl}/sign-in` },
        ],
        reason: t('myData.inactiveReason'),
      },
    });
  },
});
