import { CompiledQuery, type KyselyPlugin, type RootOperationNode, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/database.ts';
import { drainDashboardFigures } from '../features/hub/hub.public.ts';
import { createTestApp, TEST_AUTH_SECRET, type TestApp } from '../testing/test-app.ts';
import { createTestDatabase, testDialects } from '../testing/test-database.ts';
import { sampleScaleWorld, scaleReads, signInScaleViewers } from './scale-reads.ts';
import { seedScale } from './seed-scale.ts';

/**
 * The tables that grow with a community (issue 16, item 5): a read that scans one of them whole
 * would not stay within 50 ms at 100,000 members. Small ones (communities, settings) may be scanned.
 */
const LARGE_TABLES = new Set([
  'users',
  'community_members',
  'circles',
  'circle_members',
  'sessions',
  'agenda_items',
  'session_participants',
  'checkins',
  'actions',
  'action_owners',
  'announcements',
  'boards',
  'board_notes',
  'board_categories',
  'board_dots',
  'polls',
  'poll_options',
  'poll_ballots',
  'glossary_entries',
  'events',
  'event_registrations',
  'surveys',
  'survey_responses',
  'learning_designs',
  'search_documents',
  'territory_links',
  'auth_sessions',
  // The animators' dashboard's rows (migrations 0051, 0061); dashboard_stale holds only unread marks.
  'dashboard_days',
  'dashboard_person_days',
  'dashboard_circles',
  'dashboard_circle_codes',
  'dashboard_sessions',
  'dashboard_session_people',
  'dashboard_steps',
  'dashboard_step_people',
  'dashboard_surveys',
]);

/**
 * Keeps every query the app runs, as nodes (after the camel-case plugin): compiled again to
 * EXPLAIN. Only those that ran: better-auth compiles a bare select of each table without running it.
 */
function capturing(database: Database) {
  const nodes: RootOperationNode[] = [];
  const seen = new WeakMap<object, RootOperationNode>();
  const plugin: KyselyPlugin = {
    transformQuery: ({ node, queryId }) => {
      seen.set(queryId, node);
      return node;
    },
    transformResult: async ({ result, queryId }) => {
      const node = seen.get(queryId);
      if (node) nodes.push(node);
      return result;
    },
  };
  return { database: { ...database, db: database.db.withPlugin(plugin) }, nodes };
}

/** Aliases of the statement's tables ("sessions" as "s" → s: sessions), and the tables themselves. */
function tablesByAlias(text: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const [, table = '', alias] of text.matchAll(/(?:from|join) "(\w+)"(?: as "(\w+)")?/g)) {
    map.set(alias ?? table, table);
    map.set(table, table);
  }
  return map;
}

type SqlitePlanRow = { id: number; parent: number; detail: string };

/**
 * SQLite: `SCAN t` of a large table without an index, or through a covering index (every entry of
 * the index read: what a sub-query on the index's second column does). `SCAN t USING INDEX i` is
 * the walk of an ordered list that stops at its LIMIT, and passes.
 */
function sqliteFullScans(rows: SqlitePlanRow[], text: string): string[] {
  const aliases = tablesByAlias(text);
  // A sub-query's rows (`from (select …) as users`) scanned outside the sub-query read no table.
  const subqueries = new Map<string, number>();
  for (const row of rows) {
    const name = /^(?:CO-ROUTINE|MATERIALIZE) (\w+)$/.exec(row.detail.trim())?.[1];
    if (name) subqueries.set(name, row.id);
  }
  const parentOf = new Map(rows.map((row) => [row.id, row.parent]));
  const isWithin = (id: number, ancestor: number): boolean =>
    id === ancestor || (id !== 0 && isWithin(parentOf.get(id) ?? 0, ancestor));
  return rows
    .map((row) => {
      const alias = /^SCAN (\w+)(?: USING COVERING INDEX \w+)?$/.exec(row.detail.trim())?.[1];
      const subquery = alias === undefined ? undefined : subqueries.get(alias);
      return subquery !== undefined && !isWithin(row.id, subquery) ? undefined : alias;
    })
    .map((alias) => (alias ? (aliases.get(alias) ?? alias) : undefined))
    .filter((table): table is string => table !== undefined && LARGE_TABLES.has(table));
}

type PgPlan = { 'Node Type': string; 'Relation Name'?: string; Plans?: PgPlan[] };
/** PostgreSQL: `Seq Scan` on a large table although seq scans are discouraged (enable_seqscan off). */
function postgresFullScans(plan: PgPlan): string[] {
  const own =
    plan['Node Type'] === 'Seq Scan' && LARGE_TABLES.has(plan['Relation Name'] ?? '')
      ? [plan['Relation Name'] ?? '']
      : [];
  return [...own, ...(plan.Plans ?? []).flatMap(postgresFullScans)];
}

describe.each(testDialects())('the main reads of a large community use indexes (%s)', (dialect) => {
  let t: TestApp;
  let nodes: RootOperationNode[];
  const statements = new Map<string, { read: string; parameters: readonly unknown[] }>();

  beforeAll(async () => {
    const captured = capturing(await createTestDatabase(dialect));
    nodes = captured.nodes;
    // A small seed: the shapes of 100,000 members at 1/500 (200 members, 20 circles, 200 sessions).
    await seedScale(captured.database.db, { scale: 0.002, log: () => {} });
    t = await createTestApp(
      dialect,
      {},
      { database: { ...captured.database, dispose: captured.database.close } },
    );
    const sample = await sampleScaleWorld(captured.database.db);
    const cookies = await signInScaleViewers(captured.database.db, TEST_AUTH_SECRET, [
      sample.adminId,
      sample.animatorId,
      ...sample.members.map((m) => m.id),
    ]);
    for (const read of scaleReads(sample)) {
      for (let n = 0; n < 3; n++) {
        const { url, userId } = read.request(n);
        nodes.length = 0;
        const response = await t.app.inject({ url, headers: { cookie: cookies.get(userId) ?? '' } });
        expect(response.statusCode, `${read.read} ${url}: ${response.body}`).toBe(200);
        for (const node of nodes) {
          if (node.kind !== 'SelectQueryNode' && node.kind !== 'RawNode') continue;
          const compiled = t.database.db.getExecutor().compileQuery(node, { queryId: '' } as never);
          // Raw statements too (the dashboard's sums are written in SQL), the reading ones.
          if (node.kind === 'RawNode' && !/^\s*(select|with)\b/i.test(compiled.sql)) continue;
          if (!statements.has(compiled.sql))
            statements.set(compiled.sql, { read: read.read, parameters: compiled.parameters });
        }
      }
    }
    // The dashboard's drain after a write (decision 057): a session moved to another day, its
    // circle's rows, days and people recomputed. Every statement that reads, inserts from a select,
    // deletes or updates is explained (plain inserts of values read nothing).
    const db = captured.database.db;
    const moved = await db
      .selectFrom('sessions')
      .select(['id', 'startsAt'])
      .limit(1)
      .executeTakeFirstOrThrow();
    const startsAt = new Date(Date.parse(String(moved.startsAt)) - 3 * 86_400_000).toISOString();
    await db.updateTable('sessions').set({ startsAt }).where('id', '=', moved.id).execute();
    nodes.length = 0;
    expect(await drainDashboardFigures(db)).toBe(1);
    for (const node of nodes) {
      if (node.kind === 'InsertQueryNode' || node.kind === 'CreateTableNode') continue;
      const compiled = t.database.db.getExecutor().compileQuery(node, { queryId: '' } as never);
      if (
        node.kind === 'RawNode' &&
        !/^\s*(select|with|insert into \w+ \([^)]*\)\s*select|delete|update)\b/i.test(compiled.sql)
      )
        continue;
      if (/^\s*(begin|commit|rollback|savepoint|release|set|lock|pragma)\b/i.test(compiled.sql)) continue;
      if (!statements.has(compiled.sql))
        statements.set(compiled.sql, { read: 'dashboard drain', parameters: compiled.parameters });
    }
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  });

  it('finds no full scan of a large table in any statement the reads run', async () => {
    expect(statements.size).toBeGreaterThan(20);
    // The dashboard's sums per day and its people apart are among them (decision 057).
    for (const table of ['dashboard_days', 'dashboard_person_days', 'dashboard_surveys'])
      expect(
        [...statements.keys()].some((text) => text.includes(table)),
        table,
      ).toBe(true);
    const drain = [...statements].filter(([, { read }]) => read === 'dashboard drain').map(([text]) => text);
    expect(drain.some((text) => /insert into dashboard_days/.test(text))).toBe(true);
    expect(drain.some((text) => /delete from "dashboard_days"/.test(text))).toBe(true);
    const scans: string[] = [];
    const db = t.database.db;
    await db.connection().execute(async (connection) => {
      if (dialect === 'postgres') await sql`set enable_seqscan = off`.execute(connection);
      for (const [text, { read, parameters }] of statements) {
        if (dialect === 'sqlite') {
          const plan = await connection.executeQuery<SqlitePlanRow>(
            CompiledQuery.raw(`explain query plan ${text}`, [...parameters]),
          );
          const details = plan.rows.map((row) => row.detail);
          for (const table of sqliteFullScans(plan.rows, text))
            scans.push(`${read}: SCAN ${table}\n  ${text}\n  ${details.join('\n  ')}`);
        } else {
          const plan = await connection.executeQuery<{ 'QUERY PLAN': [{ Plan: PgPlan }] }>(
            CompiledQuery.raw(`explain (format json) ${text}`, [...parameters]),
          );
          const root = plan.rows[0]?.['QUERY PLAN'][0]?.Plan;
          for (const table of root ? postgresFullScans(root) : [])
            scans.push(`${read}: Seq Scan on ${table}\n  ${text}`);
        }
      }
      if (dialect === 'postgres') await sql`reset enable_seqscan`.execute(connection);
    });
    expect(scans, scans.join('\n\n')).toEqual([]);
  });
});
