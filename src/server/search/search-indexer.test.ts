import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { featureSearchSources } from '../features/registry.ts';
import {
  buildCircle,
  buildCommunity,
  buildSession,
  createTestApp,
  registerUser,
  type TestApp,
} from '../testing/test-app.ts';
import { testDialects } from '../testing/test-database.ts';
import { drainSearchIndex, type IndexFailure } from './search-indexer.ts';
import type { SearchSource } from './search-source.ts';

describe.each(testDialects())('the search indexer on %s', (dialect) => {
  let t: TestApp;
  let broken: string;
  let sound: string;
  beforeAll(async () => {
    t = await createTestApp(dialect);
    const facilitator = await registerUser(t.app, 'Florence');
    const community = await buildCommunity(t.app, facilitator);
    const circle = await buildCircle(t.app, facilitator, community.slug);
    await t.indexSearch();
    broken = (await buildSession(t.app, facilitator, circle.id, { title: 'Séance illisible' })).id;
    sound = (await buildSession(t.app, facilitator, circle.id, { title: 'Séance lisible' })).id;
  });
  afterAll(() => t?.close());

  /** The sources, with the sessions' failing on one session (a bug, a row it cannot read). */
  const failingOn = (id: string): SearchSource[] =>
    featureSearchSources().map((source) =>
      source.kind !== 'session'
        ? source
        : {
            ...source,
            load: async (db, ids) => {
              if (ids.includes(id)) throw new Error(`cannot read session ${id}`);
              return source.load(db, ids);
            },
          },
    );
  const indexed = async (id: string) =>
    (await t.database.db.selectFrom('searchDocuments').select('id').where('objectId', '=', id).execute())
      .length === 1;
  const markOf = (id: string) =>
    t.database.db
      .selectFrom('searchPending')
      .select(['attempts', 'retryAt'])
      .where('kind', '=', 'session')
      .where('objectId', '=', id)
      .executeTakeFirst();

  it('indexes the others when one object fails, and puts that one off without dropping it', async () => {
    const failures: Parameters<IndexFailure>[0][] = [];
    const before = Date.now();
    await drainSearchIndex(t.database.db, failingOn(broken), true, (failure) => failures.push(failure));

    expect(await indexed(sound)).toBe(true);
    expect(await indexed(broken)).toBe(false);
    expect(failures.map(({ kind, objectId, attempts }) => ({ kind, objectId, attempts }))).toEqual([
      { kind: 'session', objectId: broken, attempts: 1 },
    ]);
    const mark = await markOf(broken);
    expect(mark?.attempts).toBe(1);
    expect(new Date(mark?.retryAt ?? 0).getTime()).toBeGreaterThan(before);

    // Not due yet: a second look leaves it waiting and tells nothing new.
    await drainSearchIndex(t.database.db, failingOn(broken), true, (failure) => failures.push(failure));
    expect(failures).toHaveLength(1);
  });

  it('indexes it once it is due and can be read', async () => {
    await t.database.db
      .updateTable('searchPending')
      .set({ retryAt: new Date(Date.now() - 1000).toISOString() })
      .where('objectId', '=', broken)
      .execute();
    await drainSearchIndex(t.database.db, featureSearchSources());
    expect(await indexed(broken)).toBe(true);
    expect(await markOf(broken)).toBeUndefined();
  });
});
