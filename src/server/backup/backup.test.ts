import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import * as Y from 'yjs';
import { NOTES_FRAGMENT } from '../../contract/notes-document.ts';
import { type Database, type DialectName, openDatabase } from '../db/database.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { seedDemoData } from '../demo/demo-data.ts';
import { parseEnv } from '../env.ts';
import { appendNoteUpdate, readNotesMarkdown } from '../live/session-notes.store.ts';
import { archiveDigests, databaseDigests } from '../testing/table-digests.ts';
import {
  buildCircle,
  buildCommunity,
  buildSession,
  createTestApp,
  registerUser,
  type TestApp,
  type TestUser,
} from '../testing/test-app.ts';
import { type TestDatabase, testDialects } from '../testing/test-database.ts';
import { onPostgresAdmin, testPostgresAdminUrl } from '../testing/test-postgres.ts';
import { withDatabase } from '../testing/vitest-global-setup.ts';
import { archiveCommand } from './backup-commands.ts';

/**
 * `archipel backup`, `verify` and `restore` against an instance that keeps writing through its API:
 * archives restore into fresh databases of the other engine, table for table equal; damaged
 * archives are refused with nothing loaded. The live backup, its verify and restore, and one
 * refusal run as real processes (`cli`); the other cases run the CLI's own command function in
 * this process (`command`): starting Node on the CLI costs 1.5–2 s of a core, 20 s a case on a
 * busy machine, and tells nothing new past the first time.
 */
const root = new URL('../../../', import.meta.url).pathname;
const adminUrl = testPostgresAdminUrl('backup and restore (no PostgreSQL to restore into)');

interface Cli {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The environment a command sees: this one, without the instance's database unless `env` names one. */
const environment = (env: Record<string, string>) => ({
  ...process.env,
  DATABASE_URL: '',
  DATA_DIR: '',
  LOG_LEVEL: 'warn',
  ...env,
});

/** `archipel <args>` as a process of its own. */
function cli(args: string[], env: Record<string, string>): Promise<Cli> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['src/cli/main.ts', ...args], { cwd: root, env: environment(env) });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** The same command through the function the CLI calls, in this process: its exit code and lines. */
async function command(
  [name, file]: ['backup' | 'verify' | 'restore', string],
  env: Record<string, string>,
): Promise<Cli> {
  let stdout = '';
  let stderr = '';
  const code = await archiveCommand(name, parseEnv(environment(env)), file, {
    log: (line) => {
      stdout += `${line}\n`;
    },
    error: (line) => {
      stderr += `${line}\n`;
    },
  });
  return { code, stdout, stderr };
}

const onAdmin = (statement: string) => onPostgresAdmin(adminUrl ?? '', statement);

interface Target {
  env: Record<string, string>;
  open(): Database;
  dispose(): Promise<void>;
}

/** A new database that nothing has touched: PostgreSQL of its own, or an SQLite file in a new folder. */
async function freshTarget(dialect: DialectName, template?: string): Promise<Target> {
  if (dialect === 'sqlite') {
    const dataDir = mkdtempSync(join(tmpdir(), 'archipel-restore-'));
    return {
      env: { DATA_DIR: dataDir },
      open: () => openDatabase({ dataDir }),
      dispose: async () => rmSync(dataDir, { recursive: true, force: true }),
    };
  }
  const name = `archipel_backup_${process.pid}_${randomBytes(4).toString('hex')}`;
  await onAdmin(`create database ${name}${template ? ` template ${template}` : ''}`);
  const url = withDatabase(adminUrl ?? '', name);
  return {
    env: { DATABASE_URL: url },
    open: () => openDatabase({ url, dataDir: '.', onConnectionError: () => {} }),
    dispose: () => onAdmin(`drop database if exists ${name} with (force)`),
  };
}

/** The source instance's database: a migrated file or PostgreSQL database the CLI can reach. */
async function sourceDatabase(dialect: DialectName): Promise<{ database: TestDatabase; target: Target }> {
  const target = await freshTarget(dialect, dialect === 'postgres' ? inject('postgresTemplate') : undefined);
  const database = target.open();
  if (dialect === 'sqlite') await migrateToLatest(database);
  return {
    target,
    database: {
      ...database,
      dispose: async () => {
        await database.close();
        await target.dispose();
      },
    },
  };
}

function notesParagraph(text: string): Uint8Array {
  const doc = new Y.Doc();
  const paragraph = new Y.XmlElement('paragraph');
  paragraph.insert(0, [new Y.XmlText(text)]);
  doc.getXmlFragment(NOTES_FRAGMENT).insert(0, [paragraph]);
  return Y.encodeStateAsUpdate(doc);
}

async function withDatabaseOf<T>(target: Target, work: (database: Database) => Promise<T>): Promise<T> {
  const database = target.open();
  try {
    return await work(database);
  } finally {
    await database.close();
  }
}

/** Rows in any table of the database (0 when a refused restore loaded nothing). */
async function totalRows(target: Target): Promise<number> {
  return withDatabaseOf(target, async (database) =>
    Object.values(await databaseDigests(database).catch(() => ({}))).reduce(
      (sum, table) => sum + table.rows,
      0,
    ),
  );
}

describe.skipIf(!adminUrl).each(testDialects())('backup of a live %s instance', (dialect) => {
  const other: DialectName = dialect === 'sqlite' ? 'postgres' : 'sqlite';
  const work = mkdtempSync(join(tmpdir(), 'archipel-backup-'));
  let source: { database: TestDatabase; target: Target };
  let t: TestApp;
  let facilitator: TestUser;
  let sessionId: string;
  /** The session whose notes are written during the backup. */
  let liveSessionId: string;
  let notesMarkdown: string;
  const targets: Target[] = [];
  const target = async (kind: DialectName) => {
    const made = await freshTarget(kind);
    targets.push(made);
    return made;
  };

  beforeAll(async () => {
    source = await sourceDatabase(dialect);
    t = await createTestApp(dialect, {}, { database: source.database });
    // The demo community fills most tables: boards, polls, glossary, events, sub-items of agendas.
    expect(await seedDemoData(t.database.db)).toBe(true);
    facilitator = await registerUser(t.app, 'Camille Facilitatrice');
    const community = await buildCommunity(t.app, facilitator);
    const circle = await buildCircle(t.app, facilitator, community.slug);
    sessionId = (await buildSession(t.app, facilitator, circle.id)).id;
    liveSessionId = (await buildSession(t.app, facilitator, circle.id)).id;
    for (const line of ['Tour de météo : soleil', 'Prochain pas : relire la charte', 'Synthèse à venir'])
      await appendNoteUpdate(t.database.db, sessionId, notesParagraph(line));
    notesMarkdown = await readNotesMarkdown(t.database.db, sessionId);
    expect(notesMarkdown).toContain('relire la charte');
  });
  afterAll(async () => {
    await t?.close();
    for (const made of targets) await made.dispose();
    rmSync(work, { recursive: true, force: true });
  });

  it('backs up while 50 writers work, and restores into a fresh PostgreSQL database equal to the archive', async () => {
    let writing = true;
    const acknowledged = { actions: 0, notes: 0 };
    const seeded = Number(
      (
        await t.database.db
          .selectFrom('actions')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
    const writer = async (i: number) => {
      for (let step = 0; writing; step++) {
        const response = await t.app.inject({
          method: 'POST',
          url: `/api/v1/sessions/${sessionId}/actions`,
          headers: { cookie: facilitator.cookie },
          payload: { title: `Écrivain ${i}, pas ${step}` },
        });
        expect(response.statusCode).toBe(201);
        acknowledged.actions += 1;
      }
    };
    // Two of the fifty write the shared notes' binary update log instead, as editors would.
    const noteWriter = async (i: number) => {
      for (let step = 0; writing; step++) {
        await appendNoteUpdate(t.database.db, liveSessionId, notesParagraph(`Éditeur ${i}, ligne ${step}`));
        acknowledged.notes += 1;
        // On SQLite a write resolves within the same turn: let the other writers and timers run.
        await new Promise((resolve) => setImmediate(resolve));
      }
    };
    const writers = Array.from({ length: 50 }, (_, i) => (i < 2 ? noteWriter(i) : writer(i)));
    while (acknowledged.actions < 100 || acknowledged.notes < 10)
      await new Promise((resolve) => setTimeout(resolve, 10));
    const before = { ...acknowledged };
    const file = join(work, 'live.archipel.gz');
    const backup = await cli(['backup', file], source.target.env);
    const after = { ...acknowledged };
    writing = false;
    await Promise.all(writers);
    expect(backup.stderr).toBe('');
    expect(backup.code).toBe(0);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(after.actions).toBeGreaterThan(before.actions);

    const archived = await archiveDigests(file);
    const filled = Object.values(archived).filter((table) => table.rows > 0).length;
    expect(filled).toBeGreaterThan(40);
    // A snapshot: every action acknowledged before it began, none after it ended.
    expect(archived.actions?.rows).toBeGreaterThanOrEqual(seeded + before.actions);
    expect(archived.actions?.rows).toBeLessThanOrEqual(seeded + after.actions);

    const verified = await cli(['verify', file], {});
    expect(verified.code).toBe(0);
    expect(verified.stdout).toContain('is whole');

    const restored = await target('postgres');
    const restore = await cli(['restore', file], restored.env);
    expect(restore.stderr).toBe('');
    expect(restore.code).toBe(0);
    await withDatabaseOf(restored, async (database) => {
      const digests = await databaseDigests(database);
      // The restore's own audit entry is the one row the archive cannot hold.
      const audit = digests.audit_events;
      expect(audit?.rows).toBe((archived.audit_events?.rows ?? 0) + 1);
      expect({ ...digests, audit_events: undefined }).toEqual({ ...archived, audit_events: undefined });
      expect(await readNotesMarkdown(database.db, sessionId)).toBe(notesMarkdown);
      // Each editor's lines come in order: the snapshot holds a prefix of each, without a gap.
      const live = await readNotesMarkdown(database.db, liveSessionId);
      for (const editor of [0, 1]) {
        const steps = [...live.matchAll(new RegExp(`Éditeur ${editor}, ligne (\\d+)`, 'g'))]
          .map((match) => Number(match[1]))
          .sort((a, b) => a - b);
        expect(steps.length).toBeGreaterThan(0);
        expect(steps).toEqual(steps.map((_, at) => at));
      }
    });
  }, 180_000);

  it(`moves the instance to ${other} with one backup and one restore: every table equal`, async () => {
    const file = join(work, 'quiet.archipel.gz');
    expect((await command(['backup', file], source.target.env)).code).toBe(0);
    const moved = await target(other);
    const restore = await command(['restore', file], moved.env);
    expect(restore.stderr).toBe('');
    expect(restore.code).toBe(0);
    const sourceDigests = await databaseDigests(t.database);
    await withDatabaseOf(moved, async (database) => {
      const digests = await databaseDigests(database);
      for (const [table, digest] of Object.entries(sourceDigests)) {
        if (table === 'audit_events') continue;
        expect({ table, ...digests[table] }).toEqual({ table, ...digest });
      }
      // The source has the backup's entry (written after its snapshot), the target the restore's.
      expect(digests.audit_events?.rows).toBe(sourceDigests.audit_events?.rows);
      expect(await readNotesMarkdown(database.db, sessionId)).toBe(notesMarkdown);
    });
    // The moved instance answers as the old one did: same accounts, passwords and open sessions.
    const database = moved.open();
    const there = await createTestApp(other, {}, { database: { ...database, dispose: database.close } });
    try {
      const me = await there.app.inject({ url: '/api/v1/me', headers: { cookie: facilitator.cookie } });
      expect(me.statusCode).toBe(200);
      expect(me.json().user.id).toBe(facilitator.id);
      // The search index was left to the server: its indexer finds every object marked.
      expect(await there.indexSearch()).toBeGreaterThan(0);
      // Notes go on where they were: new updates take ids after the restored ones.
      await appendNoteUpdate(there.database.db, sessionId, notesParagraph('Écrit après le déménagement'));
      expect(await readNotesMarkdown(there.database.db, sessionId)).toContain('Écrit après le déménagement');
      const login = await there.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email: facilitator.email, password: 'correct horse battery' },
      });
      expect(login.statusCode).toBe(200);
    } finally {
      await there.close();
    }
    // A refusal as a process sees it: exit code 1, the reason on stderr.
    const second = await cli(['restore', file], moved.env);
    expect(second.code).toBe(1);
    expect(second.stderr).toContain('not empty');
  }, 120_000);

  // The format is the same from either engine: damaged archives are tried once.
  describe.runIf(dialect === 'sqlite')('damaged archives', () => {
    let good: Buffer;
    /** An empty PostgreSQL database that refused restores leave empty: shared by those cases. */
    let untouched: Target;
    const lines = () => gunzipSync(good).toString('utf8').split('\n');

    beforeAll(async () => {
      const file = join(work, 'reference.archipel.gz');
      expect((await command(['backup', file], source.target.env)).code).toBe(0);
      good = readFileSync(file);
      untouched = await target('postgres');
    });

    const damaged: [string, () => Buffer][] = [
      ['cut short', () => good.subarray(0, Math.floor(good.length * 0.6))],
      [
        'with one byte altered',
        () => {
          const copy = Buffer.from(good);
          const at = Math.floor(copy.length / 2);
          copy[at] = (copy[at] ?? 0) ^ 0xff;
          return copy;
        },
      ],
      [
        'with a row changed under its checksum',
        () => {
          const all = lines();
          const at = all.findIndex((line) => line.startsWith('["') && /[a-z]/.test(line));
          all[at] = (all[at] ?? '').replace(/[a-z]/, (letter) => (letter === 'a' ? 'b' : 'a'));
          return gzipSync(all.join('\n'));
        },
      ],
      [
        'with a wrong table checksum',
        () =>
          gzipSync(
            lines()
              .map((line) =>
                line.includes('"table-end","name":"actions"')
                  ? line.replace(/"sha256":"[0-9a-f]/, '"sha256":"x')
                  : line,
              )
              .join('\n'),
          ),
      ],
      ['without its trailer', () => gzipSync(lines().slice(0, -2).join('\n'))],
    ];

    it.each(damaged)(
      'refuses an archive %s, in verify and in restore, loading nothing',
      async (_, make) => {
        const file = join(work, `damaged-${randomBytes(4).toString('hex')}.gz`);
        writeFileSync(file, make());
        const verified = await command(['verify', file], {});
        expect(verified.code).toBe(1);
        expect(verified.stderr).toMatch(/verify refused: The archive is (damaged|cut short)/);
        const restore = await command(['restore', file], untouched.env);
        expect(restore.code).toBe(1);
        expect(restore.stderr).toMatch(/restore refused: The archive is (damaged|cut short)/);
        expect(await totalRows(untouched)).toBe(0);
      },
      60_000,
    );

    it('rolls the whole load back when a row cannot go in, though the archive checks out', async () => {
      const edited = lines();
      const lastEnd = edited.findLastIndex(
        (line) => line.includes('"table-end"') && !line.includes('"rows":0,'),
      );
      edited.splice(lastEnd, 0, edited[lastEnd - 1] ?? '');
      const file = join(work, 'duplicate.archipel.gz');
      writeFileSync(file, resign(edited));
      expect((await command(['verify', file], {})).code).toBe(0);
      // Its own database: the schema is brought to the archive's migrations before the load.
      const into = await target('postgres');
      const restore = await command(['restore', file], into.env);
      expect(restore.code).toBe(1);
      expect(restore.stderr).toMatch(/restore failed: duplicate key/);
      expect(await totalRows(into)).toBe(0);
    }, 60_000);

    it('refuses an archive from a newer Archipel, naming the migrations it does not know', async () => {
      const file = join(work, 'newer.archipel.gz');
      const edited = lines();
      edited[0] = (edited[0] ?? '').replace('"migrations":[', '"migrations":["2099-01-01-0001-future",');
      writeFileSync(file, resign(edited));
      expect((await command(['verify', file], {})).code).toBe(0);
      const restore = await command(['restore', file], untouched.env);
      expect(restore.code).toBe(1);
      expect(restore.stderr).toContain('2099-01-01-0001-future are unknown here');
      expect(await totalRows(untouched)).toBe(0);
    }, 60_000);
  });
});

/** Archive lines with every count and checksum made right again, as a backup would have written them. */
function resign(lines: string[]): Buffer {
  const whole = createHash('sha256');
  let table = createHash('sha256');
  let rows = 0;
  let total = 0;
  const out: string[] = [];
  for (const line of lines.filter((candidate) => candidate !== '')) {
    let text = line;
    if (line.startsWith('[')) {
      table.update(`${line}\n`);
      rows += 1;
    } else {
      const parsed = JSON.parse(line);
      if (parsed.type === 'table-end') {
        text = JSON.stringify({ ...parsed, rows, sha256: table.digest('hex') });
        total += rows;
        table = createHash('sha256');
        rows = 0;
      }
      if (parsed.type === 'trailer')
        text = JSON.stringify({ ...parsed, rows: total, sha256: whole.digest('hex') });
    }
    if (!text.includes('"trailer"')) whole.update(`${text}\n`);
    out.push(text);
  }
  return gzipSync(`${out.join('\n')}\n`);
}
