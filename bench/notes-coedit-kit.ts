/**
 * What the co-edited notes benchmark needs around its load: cores, CPU and memory read from /proc,
 * free ports, the machine's load, and the accounts written before the server starts.
 */
import { spawnSync } from 'node:child_process';
import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { loadavg } from 'node:os';
import { openDatabase } from '../src/server/db/database.ts';
import { migrateToLatest } from '../src/server/db/migrate.ts';

export const hasTaskset = spawnSync('taskset', ['-V']).status === 0;
const TICKS = 100; // USER_HZ on Linux

/** Pins every thread of a process to one core (no-op without taskset). */
export function pin(pid: number | undefined, core: number): void {
  if (hasTaskset && pid) spawnSync('taskset', ['-a', '-pc', String(core), String(pid)], { stdio: 'ignore' });
}

/** utime + stime of a process, in seconds. */
export function cpuSeconds(pid: number | undefined): number {
  if (!pid) return 0;
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return (Number(fields[11]) + Number(fields[12])) / TICKS;
  } catch {
    return 0;
  }
}

/** Peak resident memory of a process (VmHWM), in MB. */
export function peakRssMb(pid: number | undefined): number {
  try {
    const line = readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmHWM:\s+(\d+) kB/);
    return Number(line?.[1] ?? 0) / 1024;
  } catch {
    return 0;
  }
}

export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

export const loadAverage = () =>
  loadavg()
    .map((value) => value.toFixed(2))
    .join(' ');

/** The value better-auth reads from its cookie: token, a dot, base64 HMAC-SHA256 of the token. */
function sessionCookie(secret: string, token: string): string {
  const signature = createHmac('sha256', secret).update(token).digest('base64');
  return `archipel.session_token=${encodeURIComponent(`${token}.${signature}`)}`;
}

/**
 * Writes `people` accounts (the first an animator of an open community, the others its members),
 * each with its own better-auth session, into a fresh database, and returns their signed cookies.
 * Registering hundreds of people through the API would spend minutes in password hashing and
 * measure nothing of what a bench is about; every request and connection is still authenticated
 * by the server's real session lookup. Shared by bench:notes and the vote storm.
 */
export async function seedSignedIn(options: {
  url?: string | undefined;
  dataDir: string;
  secret: string;
  people: number;
  slug: string;
  communityName: string;
  /** `editor` gives editor0@bench.example, editor1@… */
  emailPrefix: string;
  nameOf: (i: number) => string;
}): Promise<{ cookies: string[]; communityId: string }> {
  const database = openDatabase({ url: options.url, dataDir: options.dataDir });
  await migrateToLatest(database);
  const now = new Date().toISOString();
  const expires = new Date(Date.now() + 86_400_000).toISOString();
  const communityId = randomUUID();
  const rows = Array.from({ length: options.people }, (_, i) => ({
    id: randomUUID(),
    token: randomBytes(24).toString('base64url'),
    name: options.nameOf(i),
  }));
  await database.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('communities')
      .values({
        id: communityId,
        slug: options.slug,
        name: options.communityName,
        description: '',
        charter: '',
        joinPolicy: 'open',
        inviteCode: randomBytes(18).toString('base64url'),
        createdBy: null,
        createdAt: now,
        updatedAt: now,
      })
      .execute();
    for (let start = 0; start < rows.length; start += 200) {
      const batch = rows.slice(start, start + 200);
      await trx
        .insertInto('users')
        .values(
          batch.map((p, i) => ({
            id: p.id,
            name: p.name,
            email: `${options.emailPrefix}${start + i}@bench.example`,
            emailVerified: true,
            image: null,
            organisation: null,
            territory: null,
            bio: null,
            createdAt: now,
            updatedAt: now,
          })),
        )
        .execute();
      await trx
        .insertInto('authSessions')
        .values(
          batch.map((p) => ({
            id: randomUUID(),
            userId: p.id,
            token: p.token,
            expiresAt: expires,
            ipAddress: null,
            userAgent: null,
            createdAt: now,
            updatedAt: now,
          })),
        )
        .execute();
      await trx
        .insertInto('communityMembers')
        .values(
          batch.map((p, i) => ({
            communityId,
            userId: p.id,
            role: start + i === 0 ? ('animator' as const) : ('member' as const),
            status: 'active' as const,
            createdAt: now,
          })),
        )
        .execute();
    }
  });
  await database.close();
  return { cookies: rows.map((p) => sessionCookie(options.secret, p.token)), communityId };
}

/** The people of a notes run (the first the animator), in a fresh SQLite database. */
export async function seedPeople(dataDir: string, secret: string, people: number, slug: string) {
  const { cookies } = await seedSignedIn({
    dataDir,
    secret,
    people,
    slug,
    communityName: 'Notes à plusieurs',
    emailPrefix: 'editor',
    nameOf: (i) => (i === 0 ? 'Animatrice' : `Personne ${i}`),
  });
  return cookies;
}

/** Runs `make` for 0..count-1, `width` at a time. */
export async function pool<T>(count: number, width: number, make: (i: number) => Promise<T>): Promise<T[]> {
  const out: T[] = new Array(count);
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < count) {
        const i = next++;
        out[i] = await make(i);
      }
    }),
  );
  return out;
}
