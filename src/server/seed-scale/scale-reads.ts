import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { SCALE_SLUG } from './seed-scale.ts';

/** A better-auth session for each of these people (signed with the app's secret), and its cookie. */
export async function signInScaleViewers(
  db: Kysely<DB>,
  secret: string,
  userIds: readonly string[],
): Promise<Map<string, string>> {
  const cookies = new Map<string, string>();
  const now = new Date().toISOString();
  for (const userId of userIds) {
    if (cookies.has(userId)) continue;
    const token = randomBytes(24).toString('base64url');
    await db
      .insertInto('authSessions')
      .values({
        id: randomUUID(),
        userId,
        token,
        expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
        ipAddress: null,
        userAgent: null,
        createdAt: now,
        updatedAt: now,
      })
      .execute();
    const signature = createHmac('sha256', secret).update(token).digest('base64');
    cookies.set(userId, `archipel.session_token=${encodeURIComponent(`${token}.${signature}`)}`);
  }
  return cookies;
}

const pick = <T>(items: readonly T[], n: number): T => items[n % items.length] as T;

export interface ScaleSample {
  adminId: string;
  animatorId: string;
  /** Members drawn from the whole community, with their circles and sessions. */
  members: { id: string; circleIds: string[]; sessionIds: string[] }[];
  circleIds: string[];
  sessionIds: string[];
}

/** Viewers and objects drawn from the seeded rows: ids are random, so the first ones by id are a sample. */
export async function sampleScaleWorld(db: Kysely<DB>): Promise<ScaleSample> {
  const community = await db
    .selectFrom('communities')
    .select('id')
    .where('slug', '=', SCALE_SLUG)
    .executeTakeFirstOrThrow();
  const admin = await db
    .selectFrom('users')
    .select('id')
    .where('isAdmin', '=', true)
    .executeTakeFirstOrThrow();
  const animator = await db
    .selectFrom('communityMembers')
    .select('userId')
    .where('communityId', '=', community.id)
    .where('role', '=', 'animator')
    .executeTakeFirstOrThrow();
  const memberRows = await db
    .selectFrom('communityMembers')
    .select('userId')
    .where('communityId', '=', community.id)
    .where('role', '=', 'member')
    .orderBy('userId')
    .limit(60)
    .execute();
  const members: ScaleSample['members'] = [];
  for (const { userId } of memberRows) {
    const circles = await db
      .selectFrom('circleMembers')
      .select('circleId')
      .where('userId', '=', userId)
      .execute();
    // With --members beyond the circles' places, most members are in none (and `in ()` is not SQL).
    if (circles.length === 0) continue;
    const sessions = await db
      .selectFrom('sessions')
      .select('id')
      .where(
        'circleId',
        'in',
        circles.map((c) => c.circleId),
      )
      .execute();
    members.push({
      id: userId,
      circleIds: circles.map((c) => c.circleId),
      sessionIds: sessions.map((s) => s.id),
    });
  }
  // The animator reads every circle but private ones (decision 004).
  const visible = await db
    .selectFrom('circles')
    .select('id')
    .where('visibility', '!=', 'private')
    .orderBy('id')
    .execute();
  const every = Math.max(1, Math.floor(visible.length / 200));
  const circleIds = visible.filter((_, i) => i % every === 0).map((c) => c.id);
  const sessionIds = (
    await db
      .selectFrom('sessions')
      .innerJoin('circles', 'circles.id', 'sessions.circleId')
      .select('sessions.id')
      .where('circles.visibility', '!=', 'private')
      .orderBy('sessions.id')
      .limit(200)
      .execute()
  ).map((s) => s.id);
  return { adminId: admin.id, animatorId: animator.userId, members, circleIds, sessionIds };
}

/** One read of the bench: its name, who reads, and the n-th request (another object each time). */
export interface ScaleRead {
  read: string;
  viewer: 'member' | 'animator' | 'admin';
  request: (n: number) => { url: string; userId: string };
}

/** The main reads of issue 16, item 5, as the web client makes them; the first is the yardstick. */
export function scaleReads(s: ScaleSample): ScaleRead[] {
  const slug = SCALE_SLUG;
  const member = (n: number) => pick(s.members, n);
  const words = ['cercle', 'séance', 'coopération', 'codev', 'météo', 'usager', 'proposition', 'bilan*'];
  return [
    {
      read: 'yardstick GET /me',
      viewer: 'member',
      request: (n) => ({ url: '/api/v1/me', userId: member(n).id }),
    },
    {
      read: 'community home',
      viewer: 'member',
      request: (n) => ({ url: `/api/v1/communities/${slug}/home`, userId: member(n).id }),
    },
    {
      read: 'community home',
      viewer: 'animator',
      request: () => ({ url: `/api/v1/communities/${slug}/home`, userId: s.animatorId }),
    },
    {
      read: 'community home',
      viewer: 'admin',
      request: () => ({ url: `/api/v1/communities/${slug}/home`, userId: s.adminId }),
    },
    {
      read: 'circle page',
      viewer: 'member',
      request: (n) => ({ url: `/api/v1/circles/${pick(member(n).circleIds, n)}`, userId: member(n).id }),
    },
    {
      read: 'circle page',
      viewer: 'animator',
      request: (n) => ({ url: `/api/v1/circles/${pick(s.circleIds, n)}`, userId: s.animatorId }),
    },
    {
      read: 'circle sessions',
      viewer: 'member',
      request: (n) => ({
        url: `/api/v1/circles/${pick(member(n).circleIds, n)}/sessions`,
        userId: member(n).id,
      }),
    },
    {
      read: 'circle members',
      viewer: 'member',
      request: (n) => ({
        url: `/api/v1/circles/${pick(member(n).circleIds, n)}/members`,
        userId: member(n).id,
      }),
    },
    {
      read: 'session page',
      viewer: 'member',
      request: (n) => ({
        url: `/api/v1/sessions/${pick(member(n).sessionIds, n * 7)}`,
        userId: member(n).id,
      }),
    },
    {
      read: 'session page',
      viewer: 'animator',
      request: (n) => ({ url: `/api/v1/sessions/${pick(s.sessionIds, n)}`, userId: s.animatorId }),
    },
    {
      read: 'my actions',
      viewer: 'member',
      request: (n) => ({ url: '/api/v1/me/actions', userId: member(n).id }),
    },
    {
      read: 'my sessions (upcoming)',
      viewer: 'member',
      request: (n) => ({ url: '/api/v1/me/sessions', userId: member(n).id }),
    },
    {
      read: 'my sessions (past)',
      viewer: 'member',
      request: (n) => ({ url: '/api/v1/me/sessions?when=past', userId: member(n).id }),
    },
    {
      read: 'search',
      viewer: 'member',
      request: (n) => ({
        url: `/api/v1/search?${new URLSearchParams({ q: pick(words, n), community: slug })}`,
        userId: member(n).id,
      }),
    },
    {
      read: 'search',
      viewer: 'animator',
      request: (n) => ({
        url: `/api/v1/search?${new URLSearchParams({ q: pick(words, n), community: slug })}`,
        userId: s.animatorId,
      }),
    },
    {
      // As the web asks for it: the people of the total and territories apart (decision 057).
      read: 'animator dashboard',
      viewer: 'animator',
      request: () => ({ url: `/api/v1/communities/${slug}/dashboard?people=apart`, userId: s.animatorId }),
    },
    {
      read: 'animator dashboard people',
      viewer: 'animator',
      request: () => ({ url: `/api/v1/communities/${slug}/dashboard/people`, userId: s.animatorId }),
    },
    {
      read: 'admin user list',
      viewer: 'admin',
      request: () => ({ url: '/api/v1/admin/users', userId: s.adminId }),
    },
    {
      read: 'admin user search',
      viewer: 'admin',
      request: (n) => ({
        url: `/api/v1/admin/users?q=${pick(['martin', 'camille', 'membre-12', 'dupont 4'], n)}`,
        userId: s.adminId,
      }),
    },
    {
      // One or two characters (the start of a name or address), and a part in every address.
      read: 'admin user search (short, common)',
      viewer: 'admin',
      request: (n) => ({
        url: `/api/v1/admin/users?${new URLSearchParams({ q: pick(['zo', 'ma', '@scale', 'é', 'archipel'], n) })}`,
        userId: s.adminId,
      }),
    },
  ];
}
