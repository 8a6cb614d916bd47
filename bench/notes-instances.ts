/**
 * Shared notes typed by several people at once, with their editors spread over two `archipel serve`
 * processes (one PostgreSQL, one Redis), beside the same load on one process (the yardstick, same
 * run). Each writer types one character every 200 ms into their own paragraph; the figure is, for
 * every keystroke and every other editor, the time from the keystroke to that editor's document
 * holding it (what its screen shows next), split by whether the two editors are on the same
 * instance. The editors run in this process, through the browser's provider.
 * Run: TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test REDIS_URL=redis://127.0.0.1:6379 \
 *      node bench/notes-instances.ts [--editors 60] [--writers 10] [--seconds 15]
 */
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import pg from 'pg';
import * as Y from 'yjs';
import { NOTES_FRAGMENT } from '../src/contract/notes-document.ts';
import {
  type ArchipelProcess,
  callArchipel,
  startArchipel,
  stopArchipel,
} from '../src/server/testing/archipel-process.ts';
import { openNotes, until } from '../src/server/testing/notes-editor.ts';
import { dropRedisPrefix } from '../src/server/testing/test-redis.ts';

const { values } = parseArgs({
  options: {
    editors: { type: 'string', default: '60' },
    writers: { type: 'string', default: '10' },
    seconds: { type: 'string', default: '15' },
  },
});
const EDITORS = Number(values.editors);
const WRITERS = Number(values.writers);
const SECONDS = Number(values.seconds);
const ACCOUNTS = 10;
const adminUrl = process.env.TEST_DATABASE_URL;
const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
if (!adminUrl) throw new Error('TEST_DATABASE_URL (a PostgreSQL server) is required');

type Editor = ReturnType<typeof openNotes> & { instance: ArchipelProcess };

function paragraphs(doc: Y.Doc): string[] {
  return doc
    .getXmlFragment(NOTES_FRAGMENT)
    .toArray()
    .flatMap((node) => (node instanceof Y.XmlElement ? [node.toArray().join('')] : []));
}

function summary(label: string, values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (p: number) =>
    (sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] ?? NaN).toFixed(1);
  return `| ${label} | ${sorted.length} | ${at(0.5)} | ${at(0.95)} | ${at(0.99)} | ${at(1)} |`;
}

async function run(label: string, sessionId: string, cookies: string[], placement: ArchipelProcess[]) {
  const editors: Editor[] = [];
  for (let i = 0; i < EDITORS; i++) {
    const instance = placement[i % placement.length] as ArchipelProcess;
    const editor = openNotes(
      `ws://127.0.0.1:${instance.port}/api/v1/notes`,
      sessionId,
      { cookie: cookies[i % cookies.length] ?? '' },
      undefined,
      { origin: instance.base },
    );
    editors.push({ ...editor, instance });
  }
  await until(() => editors.every((editor) => editor.events.synced), 120_000);
  const writers = editors.slice(0, WRITERS);
  writers.forEach((writer, w) => {
    const fragment = writer.doc.getXmlFragment(NOTES_FRAGMENT);
    writer.doc.transact(() => {
      const paragraph = new Y.XmlElement('paragraph');
      fragment.insert(fragment.length, [paragraph]);
      paragraph.insert(0, [new Y.XmlText(`w${w}:`)]);
    });
  });
  const everyone = () =>
    editors.every((editor) => paragraphs(editor.doc).filter((p) => /^w\d+:/.test(p)).length === WRITERS);
  await until(everyone, 60_000);

  const typedAt: number[][] = writers.map(() => []);
  const same: number[] = [];
  const cross: number[] = [];
  for (const reader of editors) {
    const seen = writers.map(() => 0);
    reader.doc.on('update', () => {
      const now = performance.now();
      for (const text of paragraphs(reader.doc)) {
        const match = /^w(\d+):(x*)$/.exec(text);
        if (!match) continue;
        const w = Number(match[1]);
        const writer = writers[w];
        if (!writer || writer === reader) continue;
        for (let k = seen[w] ?? 0; k < (match[2] ?? '').length; k++) {
          const latency = now - (typedAt[w]?.[k] ?? now);
          (writer.instance === reader.instance ? same : cross).push(latency);
        }
        seen[w] = Math.max(seen[w] ?? 0, (match[2] ?? '').length);
      }
    });
  }

  // Each writer types one character every 200 ms, the writers spread over each 200 ms.
  const timers = writers.map((writer, w) =>
    setTimeout(
      () => {
        const interval = setInterval(() => {
          const text = writer.doc
            .getXmlFragment(NOTES_FRAGMENT)
            .toArray()
            .find((node) => node instanceof Y.XmlElement && node.toArray().join('').startsWith(`w${w}:`)) as
            | Y.XmlElement
            | undefined;
          const target = text?.get(0);
          if (!(target instanceof Y.XmlText)) return;
          typedAt[w]?.push(performance.now());
          target.insert(target.length, 'x');
        }, 200);
        timers.push(interval);
      },
      (200 * w) / WRITERS,
    ),
  );
  await new Promise((resolve) => setTimeout(resolve, SECONDS * 1000));
  for (const timer of timers) clearTimeout(timer);
  const expected = (EDITORS - 1) * typedAt.reduce((sum, times) => sum + times.length, 0);
  await until(() => same.length + cross.length >= expected, 60_000).catch(() => {
    console.warn(`${label}: ${expected - same.length - cross.length} keystroke deliveries never arrived`);
  });
  for (const editor of editors) editor.close();
  console.log(
    `\n${label}: ${EDITORS} editors, ${WRITERS} typing 5 characters/s each for ${SECONDS} s ` +
      `(${same.length + cross.length} of ${expected} deliveries seen)`,
  );
  console.log('| editors | deliveries | p50 ms | p95 ms | p99 ms | max ms |');
  console.log('|---|---:|---:|---:|---:|---:|');
  if (same.length > 0) console.log(summary('same instance', same));
  if (cross.length > 0) console.log(summary('other instance', cross));
}

const dbName = `archipel_bench_notes_${randomBytes(4).toString('hex')}`;
const prefix = `archipel-bench:${randomBytes(4).toString('hex')}:`;
const admin = new pg.Client({ connectionString: adminUrl });
await admin.connect();
await admin.query(`create database ${dbName}`);
const url = new URL(adminUrl);
url.pathname = `/${dbName}`;
const env = { DATABASE_URL: url.toString(), REDIS_URL: redisUrl, REDIS_KEY_PREFIX: prefix };
const started: ArchipelProcess[] = [];
try {
  const a = await startArchipel(env);
  started.push(a);
  const b = await startArchipel(env);
  started.push(b);
  const cookies: string[] = [];
  const ids: string[] = [];
  for (let i = 0; i < ACCOUNTS; i++) {
    const registered = await callArchipel(a.base, '', 'POST', '/api/v1/auth/register', {
      email: `bench${i}@example.org`,
      password: 'long enough password',
      name: `Personne ${i}`,
    });
    cookies.push(registered.cookie);
    ids.push(registered.json.user.id);
  }
  const owner = cookies[0] ?? '';
  await callArchipel(a.base, owner, 'POST', '/api/v1/communities', {
    name: 'Banc',
    slug: 'banc',
    joinPolicy: 'open',
  });
  const circleId = (
    await callArchipel(a.base, owner, 'POST', '/api/v1/communities/banc/circles', {
      name: 'Cercle du banc',
      kind: 'learning_circle',
      visibility: 'private',
    })
  ).json.id;
  for (let i = 1; i < ACCOUNTS; i++) {
    await callArchipel(a.base, cookies[i] ?? '', 'POST', '/api/v1/communities/banc/members');
    await callArchipel(a.base, owner, 'POST', `/api/v1/circles/${circleId}/members`, { userId: ids[i] });
  }
  const session = async (title: string) =>
    (
      await callArchipel(a.base, owner, 'POST', `/api/v1/circles/${circleId}/sessions`, {
        title,
        startsAt: '2026-12-01T09:00:00Z',
        endsAt: '2026-12-01T10:00:00Z',
      })
    ).json.id as string;
  await run('One instance (yardstick)', await session('Un'), cookies, [a]);
  await run('Two instances through Redis', await session('Deux'), cookies, [a, b]);
} finally {
  for (const instance of started) await stopArchipel(instance);
  await admin.query(`drop database if exists ${dbName} with (force)`);
  await admin.end();
  await dropRedisPrefix(redisUrl, prefix);
}
process.exit(0);
