import { randomUUID } from 'node:crypto';
import { type Kysely, PostgresAdapter } from 'kysely';
import type { Communication } from '../../../contract/newsletters.ts';
import { lockSession } from '../../db/locks.ts';
import type { DB } from '../../db/schema.ts';
import { notFound } from '../../http/errors.ts';
import type { Viewer } from '../../http/viewer.ts';
import { enqueueJob } from '../../jobs/jobs.ts';
import { newsletterMailKind } from './newsletter-mail.ts';
import { requireDraft } from './newsletters.queries.ts';

/** Appends one item to a session's "À communiquer" list, under the lock its whole-list rewrite takes. */
export async function appendCommunication(db: Kysely<DB>, sessionId: string, viewer: Viewer, text: string) {
  const id = randomUUID();
  await db.transaction().execute(async (trx) => {
    await lockSession(trx, sessionId);
    const last = await trx
      .selectFrom('announcements')
      .select((eb) => eb.fn.max('position').as('position'))
      .where('sessionId', '=', sessionId)
      .executeTakeFirst();
    await trx
      .insertInto('announcements')
      .values({
        id,
        sessionId,
        position: Number(last?.position ?? 0) + 1,
        text,
        authorId: viewer.id,
        createdAt: new Date().toISOString(),
      })
      .execute();
  });
  return id;
}

async function writeItems(trx: Kysely<DB>, newsletterId: string, items: readonly Communication[]) {
  await trx.deleteFrom('newsletterItems').where('newsletterId', '=', newsletterId).execute();
  if (items.length === 0) return;
  await trx
    .insertInto('newsletterItems')
    .values(
      items.map((item, index) => ({
        newsletterId,
        position: index + 1,
        announcementId: item.id,
        text: item.text,
        sessionTitle: item.sessionTitle,
        circleName: item.circleName,
      })),
    )
    .execute();
}

export async function createNewsletter(
  db: Kysely<DB>,
  communityId: string,
  viewer: Viewer,
  input: { subject: string; body: string; items: readonly Communication[] },
): Promise<string> {
  const id = randomUUID();
  const now = new Date().toISOString();
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('newsletters')
      .values({
        id,
        communityId,
        subject: input.subject,
        body: input.body,
        status: 'draft',
        createdBy: viewer.id,
        recipientCount: null,
        createdAt: now,
        updatedAt: now,
        sentAt: null,
      })
      .execute();
    await writeItems(trx, id, input.items);
  });
  return id;
}

/** Reads the letter's row for the rest of the transaction (FOR UPDATE on PostgreSQL). */
async function lockNewsletter(trx: Kysely<DB>, id: string) {
  let query = trx.selectFrom('newsletters').select(['id', 'status', 'communityId']).where('id', '=', id);
  if (trx.getExecutor().adapter instanceof PostgresAdapter) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  if (!row) throw notFound('Newsletter');
  return row;
}

export async function patchNewsletter(
  db: Kysely<DB>,
  id: string,
  input: {
    subject?: string | undefined;
    body?: string | undefined;
    items?: readonly Communication[] | undefined;
  },
) {
  await db.transaction().execute(async (trx) => {
    requireDraft(await lockNewsletter(trx, id));
    await trx
      .updateTable('newsletters')
      .set({
        ...(input.subject !== undefined && { subject: input.subject }),
        ...(input.body !== undefined && { body: input.body }),
        updatedAt: new Date().toISOString(),
      })
      .where('id', '=', id)
      .execute();
    if (input.items) await writeItems(trx, id, input.items);
  });
}

/**
 * The community's members who accept newsletters now: active, with an account of their own
 * (placeholders have no address anyone reads), mail preference not "none", newsletters on.
 */
export function newsletterAudience(db: Kysely<DB>, communityId: string) {
  return db
    .selectFrom('communityMembers as m')
    .innerJoin('users as u', 'u.id', 'm.userId')
    .select('u.id')
    .where('m.communityId', '=', communityId)
    .where('m.status', '=', 'active')
    .where('u.isPlaceholder', '=', false)
    .where('u.mailPreference', '!=', 'none')
    .where('u.newsletters', '=', true);
}

/**
 * Sends a draft once: under the letter's lock, the first call marks it sent and queues one mail job
 * per recipient with the key `newsletter:<id>:<userId>`; a second call (another click, another
 * instance) finds it sent and gets 409. The jobs commit with the status or not at all, and their
 * keys make a retried or duplicated queue send each mail once.
 */
export async function sendNewsletter(db: Kysely<DB>, id: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const newsletter = await lockNewsletter(trx, id);
    requireDraft(newsletter);
    const people = await newsletterAudience(trx, newsletter.communityId).orderBy('u.id').execute();
    for (const person of people) {
      await enqueueJob(trx, {
        kind: newsletterMailKind,
        payload: { newsletterId: id, userId: person.id },
        key: `newsletter:${id}:${person.id}`,
      });
    }
    const now = new Date().toISOString();
    await trx
      .updateTable('newsletters')
      .set({ status: 'sent', sentAt: now, updatedAt: now, recipientCount: people.length })
      .where('id', '=', id)
      .execute();
  });
}
