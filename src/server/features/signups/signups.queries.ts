import type { Kysely } from 'kysely';
import type { SignupSheet, SignupSheetSummary } from '../../../contract/signup.ts';
import type { Abilities } from '../../../domain/policy.ts';
import { toIso } from '../../db/columns.ts';
import { type Keyset, type PageRequest, pageQuery, toPage } from '../../db/keyset.ts';
import type { DB } from '../../db/schema.ts';
import { notFound } from '../../http/errors.ts';
import type { Viewer } from '../../http/viewer.ts';
import { abilitiesInCircle } from '../../policy/access.ts';
import { getCircleContentAccess } from '../circles/circles.public.ts';

export function findSheet(db: Kysely<DB>, sheetId: string) {
  return db.selectFrom('signupSheets').selectAll().where('id', '=', sheetId).executeTakeFirst();
}

/** The sheet and the viewer's standing in its circle, or 404 as if it did not exist. */
export async function getVisibleSheet(db: Kysely<DB>, sheetId: string, viewer: Viewer | undefined) {
  const sheet = await findSheet(db, sheetId);
  if (!sheet) throw notFound('Sign-up sheet');
  const standing = await getCircleContentAccess(db, sheet.circleId, viewer, 'Sign-up sheet');
  // Its organiser while still in the circle, and the circle's stewards.
  const abilities = abilitiesInCircle(standing.circle, viewer, {
    kind: 'signupSheet',
    createdBy: sheet.createdBy,
  });
  return { sheet, ...standing, abilities, canManage: abilities.steer };
}

/** A topic through its sheet's visibility: 404 for what the viewer may not see. */
export async function getVisibleTopic(db: Kysely<DB>, topicId: string, viewer: Viewer | undefined) {
  const topic = await db.selectFrom('signupTopics').selectAll().where('id', '=', topicId).executeTakeFirst();
  if (!topic) throw notFound('Topic');
  const found = await getVisibleSheet(db, topic.sheetId, viewer).catch(() => {
    throw notFound('Topic');
  });
  return { topic, ...found };
}

export async function loadSheetDetail(
  db: Kysely<DB>,
  sheetId: string,
  view: { viewerId: string | undefined; circleName: string; abilities: Abilities },
): Promise<SignupSheet> {
  const sheet = await db
    .selectFrom('signupSheets')
    .selectAll()
    .where('id', '=', sheetId)
    .executeTakeFirstOrThrow();
  const [topics, entries, organiser] = await Promise.all([
    db.selectFrom('signupTopics').selectAll().where('sheetId', '=', sheetId).orderBy('position').execute(),
    db
      .selectFrom('signupEntries as e')
      .innerJoin('signupTopics as t', 't.id', 'e.topicId')
      .innerJoin('users as u', 'u.id', 'e.userId')
      .select(['e.topicId', 'e.userId', 'e.note', 'e.status', 'u.name'])
      .where('t.sheetId', '=', sheetId)
      .orderBy('e.position')
      .execute(),
    sheet.createdBy
      ? db.selectFrom('users').select('name').where('id', '=', sheet.createdBy).executeTakeFirst()
      : undefined,
  ]);
  return {
    id: sheet.id,
    circleId: sheet.circleId,
    circleName: view.circleName,
    title: sheet.title,
    organiserName: organiser?.name ?? null,
    topics: topics.map((topic) => {
      let waiting = 0;
      const own = entries.filter((entry) => entry.topicId === topic.id);
      const mine = own.find((entry) => entry.userId === view.viewerId);
      return {
        id: topic.id,
        title: topic.title,
        capacity: topic.capacity,
        confirmedCount: own.filter((entry) => entry.status === 'confirmed').length,
        waitlistCount: own.filter((entry) => entry.status === 'waitlisted').length,
        entries: own.map((entry) => ({
          userId: entry.userId,
          name: entry.name,
          status: entry.status,
          note: entry.note,
          waitlistPosition: entry.status === 'waitlisted' ? ++waiting : null,
        })),
        myStatus: mine?.status ?? null,
        workingGroupId: topic.workingGroupId,
      };
    }),
    abilities: view.abilities,
    canSignUp: view.abilities.takePart,
    canManage: view.abilities.steer,
    createdAt: toIso(sheet.createdAt),
  };
}

const newestFirst: Keyset<{ id: string; createdAt: string | Date }> = {
  list: 'signup-sheets',
  keys: [{ expr: 's.createdAt', kind: 'time', direction: 'desc' }],
  id: 's.id',
  of: (row) => ({ keys: [row.createdAt], id: row.id }),
};

export async function listCircleSheets(
  db: Kysely<DB>,
  circleId: string,
  page: PageRequest,
): Promise<{ items: SignupSheetSummary[]; nextCursor: string | null }> {
  const query = db
    .selectFrom('signupSheets as s')
    .selectAll('s')
    .select((eb) => [
      eb
        .selectFrom('signupTopics as t')
        .whereRef('t.sheetId', '=', 's.id')
        .select((e) => e.fn.countAll<number>().as('n'))
        .as('topicCount'),
      eb
        .selectFrom('signupEntries as e')
        .innerJoin('signupTopics as t', 't.id', 'e.topicId')
        .whereRef('t.sheetId', '=', 's.id')
        .select((e) => e.fn.countAll<number>().as('n'))
        .as('entryCount'),
    ])
    .where('s.circleId', '=', circleId);
  const rows = await pageQuery(query, newestFirst, page).execute();
  const { items, nextCursor } = toPage(rows, newestFirst, page);
  const toSummary = (row: (typeof rows)[number]): SignupSheetSummary => ({
    id: row.id,
    circleId: row.circleId,
    title: row.title,
    topicCount: Number(row.topicCount ?? 0),
    entryCount: Number(row.entryCount ?? 0),
    createdAt: toIso(row.createdAt),
  });
  return { items: items.map(toSummary), nextCursor };
}
