import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildCircle,
  buildCommunity,
  createTestApp,
  joinCommunity,
  registerUser,
  TEST_ORIGIN,
  type TestApp,
  type TestUser,
} from '../../testing/test-app.ts';
import { testDialects } from '../../testing/test-database.ts';
import { recordAudit } from '../audit/audit.public.ts';
import { features, leavingOf } from '../registry.ts';

const PASSWORD = 'correct horse battery';

describe.each(testDialects())('the audit log on %s', (dialect) => {
  let t: TestApp;
  let admin: TestUser;
  let animator: TestUser;
  let member: TestUser;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    admin = await registerUser(t.app, 'Alice Admin');
    animator = await registerUser(t.app, 'Anatole');
    member = await registerUser(t.app, 'Mina');
  });
  afterAll(() => t?.close());

  const as = (
    who: TestUser,
    method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
    url: string,
    payload?: object,
  ) =>
    t.app.inject({
      method,
      url,
      headers: { cookie: who.cookie, origin: TEST_ORIGIN },
      ...(payload && { payload }),
    });
  const audit = async (query: string) => {
    const response = await as(admin, 'GET', `/api/v1/admin/audit?${query}`);
    expect(response.statusCode).toBe(200);
    return response.json() as {
      items: {
        kind: string;
        actor?: { id: string; name: string | null };
        subject?: { kind: string; id: string };
        ip?: string;
        detail?: string;
      }[];
      nextCursor: string | null;
    };
  };

  it('records sign-ins, refused ones (an unknown address without actor), sign-ups and resets', async () => {
    const ok = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: member.email, password: PASSWORD },
    });
    expect(ok.statusCode).toBe(200);
    for (const email of [member.email, 'nobody-here@example.org']) {
      const refused = await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email, password: 'wrong password!' },
      });
      expect(refused.statusCode).toBe(401);
    }
    const badLink = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/magic-link/verify',
      payload: { token: 'not-a-token-at-all' },
    });
    expect(badLink.statusCode).toBe(400);

    const signIns = await audit(`kind=auth.sign-in&actor=${member.id}`);
    expect(signIns.items[0]).toMatchObject({
      kind: 'auth.sign-in',
      actor: { id: member.id, name: 'Mina' },
      detail: 'password',
    });
    expect(signIns.items[0]?.ip).toBeTruthy();
    const failures = (await audit('kind=auth.sign-in-failed')).items;
    expect(failures).toContainEqual(
      expect.objectContaining({ actor: { id: member.id, name: 'Mina' }, detail: 'password' }),
    );
    expect(
      failures
        .filter((entry) => entry.actor === undefined)
        .map((entry) => entry.detail)
        .sort(),
    ).toEqual(['magic link', 'password']);
    expect((await audit(`kind=auth.sign-up&actor=${member.id}`)).items).toHaveLength(1);

    await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/password-reset',
      payload: { email: member.email },
    });
    const token = new URL(/https?:\/\/\S+/.exec(t.lastMailTo(member.email).text)?.[0] ?? '').searchParams.get(
      'token',
    );
    const reset = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/password-reset/confirm',
      payload: { token, password: PASSWORD },
    });
    expect(reset.statusCode).toBe(204);
    expect((await audit('kind=auth.password-reset')).items).toEqual([
      expect.objectContaining({ actor: { id: member.id, name: 'Mina' } }),
    ]);
    member = { ...member, cookie: (await signIn(member.email)).cookie };
  });

  async function signIn(email: string) {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email, password: PASSWORD },
    });
    const header = response.headers['set-cookie'];
    const cookies = Array.isArray(header) ? header : [String(header)];
    return { cookie: cookies.map((cookie) => cookie.split(';')[0]).join('; ') };
  }

  it('records role changes in communities and circles, and link and feed rotations', async () => {
    const community = await buildCommunity(t.app, animator);
    await joinCommunity(t.app, member, community.slug);
    const circle = await buildCircle(t.app, animator, community.slug);
    await as(member, 'POST', `/api/v1/circles/${circle.id}/members`, {});
    const promoted = await as(
      animator,
      'PATCH',
      `/api/v1/communities/${community.slug}/members/${member.id}`,
      {
        role: 'animator',
      },
    );
    expect(promoted.statusCode).toBe(200);
    expect(
      (await as(animator, 'POST', `/api/v1/circles/${circle.id}/facilitators`, { userId: member.id }))
        .statusCode,
    ).toBe(200);
    const roles = (await audit(`kind=role.change&actor=${animator.id}`)).items;
    expect(roles).toEqual([
      expect.objectContaining({
        subject: { kind: 'circle', id: circle.id },
        detail: `${member.id} → facilitator`,
      }),
      expect.objectContaining({
        subject: { kind: 'community', id: community.id },
        detail: `${member.id} → animator`,
      }),
    ]);

    expect(
      (await as(animator, 'POST', `/api/v1/communities/${community.slug}/invite/rotate`)).statusCode,
    ).toBe(200);
    expect((await as(member, 'POST', '/api/v1/me/calendar-feed/rotate')).statusCode).toBe(200);
    expect((await audit('kind=link.rotate')).items).toEqual([
      expect.objectContaining({
        actor: { id: animator.id, name: 'Anatole' },
        subject: { kind: 'community', id: community.id },
      }),
    ]);
    expect((await audit(`kind=feed.rotate&actor=${member.id}`)).items).toHaveLength(1);
  });

  it('records the admin actions on communities, settings and jobs', async () => {
    const community = await buildCommunity(t.app, animator, { name: 'Zzz archivable' });
    const archivable = await buildCircle(t.app, animator, community.slug, {
      name: 'Cercle archivable',
      visibility: 'public',
    });
    const newSession = () =>
      as(animator, 'POST', `/api/v1/circles/${archivable.id}/sessions`, {
        title: 'Séance',
        startsAt: '2027-01-05T10:00:00Z',
        endsAt: '2027-01-05T11:00:00Z',
      });
    const transfer = await as(admin, 'POST', `/api/v1/admin/communities/${community.id}/transfer`, {
      userId: member.id,
      demoteOthers: true,
    });
    expect(transfer.statusCode).toBe(200);
    expect(transfer.json()).toMatchObject({ animators: [{ id: member.id, name: 'Mina' }], archived: false });
    const archived = await as(admin, 'PATCH', `/api/v1/admin/communities/${community.id}`, {
      archived: true,
    });
    expect(archived.json()).toMatchObject({ archived: true });
    // Out of the lists of non-members, still in its members' and in the admins' list.
    const outsider = await registerUser(t.app, 'Outsider');
    const listed = async (who: TestUser) =>
      (await as(who, 'GET', '/api/v1/communities?limit=100')).json().items.map((c: { id: string }) => c.id);
    expect(await listed(outsider)).not.toContain(community.id);
    expect(await listed(member)).toContain(community.id);
    await t.indexSearch();
    const found = async (who: TestUser) =>
      (await as(who, 'GET', `/api/v1/search?q=${encodeURIComponent('archivable')}`)).json().total;
    expect(await found(outsider)).toBe(0);
    expect(await found(member)).toBeGreaterThan(0);
    const adminList = (await as(admin, 'GET', '/api/v1/admin/communities?q=archivable')).json().items;
    expect(adminList).toEqual([
      expect.objectContaining({ id: community.id, archived: true, memberCount: 2 }),
    ]);
    // Read-only: nobody joins it, nothing is created in it.
    expect((await as(outsider, 'POST', `/api/v1/communities/${community.slug}/members`, {})).statusCode).toBe(
      409,
    );
    const circle = await as(member, 'POST', `/api/v1/communities/${community.slug}/circles`, {
      name: 'Nouveau',
      kind: 'learning_circle',
      visibility: 'public',
    });
    expect(circle.statusCode).toBe(409);
    // Inside its circles too: their facilitator reads, and changes nothing.
    expect((await as(animator, 'GET', `/api/v1/circles/${archivable.id}`)).json().abilities).toEqual({
      read: true,
      takePart: false,
      steer: false,
    });
    expect((await newSession()).statusCode).toBe(403);
    // And its community-wide objects: the glossary takes no new term, the community reads only.
    const propose = () =>
      as(member, 'POST', `/api/v1/communities/${community.slug}/glossary`, { term: 'Archive' });
    expect((await propose()).statusCode).toBe(403);
    expect((await as(member, 'GET', `/api/v1/communities/${community.slug}`)).json().abilities).toEqual({
      read: true,
      takePart: false,
      steer: false,
    });
    expect(
      (await as(admin, 'PATCH', `/api/v1/admin/communities/${community.id}`, { archived: false })).statusCode,
    ).toBe(200);
    expect((await propose()).statusCode).toBe(201);
    expect(await listed(outsider)).toContain(community.id);
    expect(await found(outsider)).toBeGreaterThan(0);
    expect((await newSession()).statusCode).toBe(201);

    const settings = {
      name: 'Archipel du Département',
      contactEmail: 'dpo@departement.example',
      legalNotice: 'Éditeur : Département.\nHébergeur : le Département.',
      privacyText: 'Délégué à la protection des données : voir ci-dessus.',
      accessibility: {
        conformity: 'partial',
        complianceRate: 72.5,
        nonConformities: 'Cartes sans alternative',
      },
    };
    const put = await as(admin, 'PUT', '/api/v1/admin/settings', settings);
    expect(put.statusCode).toBe(200);
    const info = await t.app.inject({ url: '/api/v1/instance' });
    expect(info.json().settings).toMatchObject({
      ...settings,
      accessibility: { ...settings.accessibility, derogations: '' },
    });
    expect(info.json().retention).toMatchObject({
      auditRetentionDays: 365,
      inactiveMonths: 36,
      sessionDays: 30,
    });
    const bad = await as(admin, 'PUT', '/api/v1/admin/settings', {
      ...settings,
      contactEmail: 'not an address',
    });
    expect(bad.statusCode).toBe(400);
    expect((await t.app.inject({ url: '/api/v1/instance' })).json().settings.contactEmail).toBe(
      settings.contactEmail,
    );

    const job = 'job-that-failed';
    const now = new Date().toISOString();
    await t.database.db
      .insertInto('jobs')
      .values({
        id: job,
        kind: 'test.none',
        payload: '{}',
        key: null,
        status: 'failed',
        attempts: 3,
        maxAttempts: 3,
        runAt: now,
        lockedBy: null,
        lockedUntil: null,
        lastError: 'boom',
        createdAt: now,
        updatedAt: now,
        finishedAt: now,
      })
      .execute();
    expect((await as(admin, 'POST', `/api/v1/admin/jobs/${job}/retry`)).statusCode).toBe(204);
    expect((await as(admin, 'POST', `/api/v1/admin/jobs/${job}/retry`)).statusCode).toBe(404);

    const mine = (await audit(`actor=${admin.id}`)).items
      .filter((entry) => entry.kind.startsWith('admin.'))
      .map((entry) => [entry.kind, entry.subject?.id]);
    expect(mine).toEqual([
      ['admin.job-retry', job],
      ['admin.settings', 'instance'],
      ['admin.community-unarchive', community.id],
      ['admin.community-archive', community.id],
      ['admin.community-transfer', community.id],
    ]);
  });

  it('filters by period, pages, exports the same filters as CSV, and shows a deleted actor by id only', async () => {
    const at = (iso: string) => new Date(iso);
    await recordAudit(
      t.database.db,
      { kind: 'account.export', actorId: 'gone-person', ip: '192.0.2.1' },
      at('2026-01-10T10:00:00Z'),
    );
    await recordAudit(
      t.database.db,
      { kind: 'account.export', actorId: member.id, ip: '192.0.2.2' },
      at('2026-01-11T10:00:00Z'),
    );
    await recordAudit(
      t.database.db,
      { kind: 'account.export', actorId: member.id, detail: 'a "quoted", text' },
      at('2026-01-12T10:00:00Z'),
    );
    const january = 'kind=account.export&from=2026-01-10T00:00:00Z&to=2026-01-12T00:00:00Z';
    const page1 = await audit(`${january}&limit=1`);
    expect(page1.items).toEqual([
      expect.objectContaining({ actor: { id: member.id, name: 'Mina' }, ip: '192.0.2.2' }),
    ]);
    const page2 = await audit(`${january}&limit=1&cursor=${page1.nextCursor}`);
    expect(page2).toEqual({
      items: [expect.objectContaining({ actor: { id: 'gone-person', name: null }, ip: '192.0.2.1' })],
      nextCursor: null,
    });
    expect(
      (await as(admin, 'GET', `/api/v1/admin/audit?kind=account.export&cursor=${page1.nextCursor}`))
        .statusCode,
    ).toBe(400);
    expect((await as(admin, 'GET', '/api/v1/admin/audit?from=yesterday')).statusCode).toBe(400);

    const csv = await as(
      admin,
      'GET',
      `/api/v1/admin/audit.csv?kind=account.export&from=2026-01-11T00:00:00Z`,
    );
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.headers['content-disposition']).toMatch(/attachment; filename="archipel-audit-/);
    const lines = csv.body.trim().split('\n');
    expect(lines[0]).toBe('id,at,kind,actor_id,actor_name,subject_kind,subject_id,ip,detail');
    expect(lines).toHaveLength(3);
    expect(lines[1]).toContain(',2026-01-12T10:00:00.000Z,account.export,');
    expect(lines[1]).toContain('"a ""quoted"", text"');
    expect(lines[2]).toContain(`${member.id},Mina,,,192.0.2.2,`);
  });

  it('never holds an e-mail address, a password or a secret token', async () => {
    const rows = await t.database.db.selectFrom('auditEvents').selectAll().execute();
    expect(rows.length).toBeGreaterThan(20);
    const text = JSON.stringify(rows);
    expect(text).not.toMatch(/[^\s@",]+@[^\s@",]+\.[a-z]{2,}/i);
    for (const secret of [PASSWORD, 'wrong password!', 'not-a-token-at-all', admin.name, 'Mina']) {
      expect(text).not.toContain(secret);
    }
  });

  it('deletes entries past the retention period on the tick', async () => {
    const now = new Date('2027-06-01T00:00:00Z');
    await recordAudit(
      t.database.db,
      { kind: 'admin.backup', detail: 'old' },
      new Date('2027-05-01T23:59:59Z'),
    );
    await recordAudit(
      t.database.db,
      { kind: 'admin.backup', detail: 'recent' },
      new Date('2027-05-02T00:00:01Z'),
    );
    await features
      .find((feature) => feature.name === 'audit')
      ?.onTick?.(t.database.db, now, {
        leaving: leavingOf(),
        env: { AUDIT_RETENTION_DAYS: 30, INACTIVE_MONTHS: 36 },
      });
    const left = await t.database.db
      .selectFrom('auditEvents')
      .select('detail')
      .where('kind', '=', 'admin.backup')
      .execute();
    expect(left).toEqual([{ detail: 'recent' }]);
  });
});
