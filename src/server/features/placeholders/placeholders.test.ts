import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoData } from '../../demo/demo-data.ts';
import { createTestApp, registerUser, type TestApp, type TestUser } from '../../testing/test-app.ts';
import { testDialects } from '../../testing/test-database.ts';

const DEMO = 'riposte-creative-territoriale';

type PlaceholderDto = { id: string; name: string; actionCount: number; invitation: { url: string } | null };

describe.each(testDialects())('taking over the demo on %s', (dialect) => {
  let t: TestApp;
  let admin: TestUser;
  let teamId: string;
  const tokenOf = (url: string) => url.split('/claim/')[1] ?? '';

  beforeAll(async () => {
    t = await createTestApp(dialect);
    await seedDemoData(t.database.db);
    admin = await registerUser(t.app, 'Première Admin');
    const circles = (await t.app.inject({ url: `/api/v1/communities/${DEMO}/circles` })).json().items as {
      id: string;
      kind: string;
    }[];
    teamId = circles.find((c) => c.kind === 'animation_team')?.id ?? '';
  });
  afterAll(() => t.close());

  const placeholders = async (user: TestUser) =>
    t.app.inject({ url: `/api/v1/communities/${DEMO}/placeholders`, headers: { cookie: user.cookie } });

  it('lets the admin name themself animator of the demo community, without any other power', async () => {
    const named = await t.app.inject({
      method: 'POST',
      url: `/api/v1/communities/${DEMO}/animators`,
      headers: { cookie: admin.cookie },
      payload: { userId: admin.id },
    });
    expect(named.statusCode).toBe(200);
    expect(named.json()).toMatchObject({ id: admin.id, role: 'animator', status: 'active' });
    const community = await t.app.inject({
      url: `/api/v1/communities/${DEMO}`,
      headers: { cookie: admin.cookie },
    });
    expect(community.json()).toMatchObject({ myRole: 'animator', myStatus: 'active', memberCount: 9 });
  });

  it('lists the demo people as placeholders to stewards only', async () => {
    const list = await placeholders(admin);
    expect(list.statusCode).toBe(200);
    const items = list.json().items as PlaceholderDto[];
    expect(items).toHaveLength(8);
    expect(items.find((p) => p.name === 'Bernard Alix')).toMatchObject({ actionCount: 3, invitation: null });
    const stranger = await registerUser(t.app, 'Curieuse');
    expect((await placeholders(stranger)).statusCode).toBe(403);
    expect((await t.app.inject({ url: `/api/v1/communities/${DEMO}/placeholders` })).statusCode).toBe(401);
  });

  it('invites Bernard by mail, and his account takes his place, his next steps and his circle', async () => {
    const bernardId = ((await placeholders(admin)).json().items as PlaceholderDto[]).find(
      (p) => p.name === 'Bernard Alix',
    )?.id;
    const email = `bernard.${dialect}@example.org`;
    const invited = await t.app.inject({
      method: 'POST',
      url: `/api/v1/communities/${DEMO}/placeholders/${bernardId}/invitations`,
      headers: { cookie: admin.cookie },
      payload: { email: ` ${email.toUpperCase()} ` },
    });
    expect(invited.statusCode).toBe(201);
    const { url } = invited.json() as { url: string };
    expect(url).toMatch(/^http:\/\/archipel\.test\/claim\/[A-Za-z0-9_-]{43}$/);
    // The stored row holds no token, only its hash and a nonce.
    const stored = await t.database.db
      .selectFrom('placeholderInvitations')
      .selectAll()
      .executeTakeFirstOrThrow();
    expect(JSON.stringify(stored)).not.toContain(tokenOf(url));
    expect(stored.email).toBe(email);

    await t.runJobs();
    const mail = await t.database.db
      .selectFrom('outboxMessages')
      .selectAll()
      .where('toAddress', '=', email)
      .executeTakeFirstOrThrow();
    expect(mail.subject).toBe('Retrouvez votre place dans «\u00a0Riposte créative territoriale\u00a0»');
    // Admins reading the outbox see that it went, not the link that takes Bernard's place.
    expect(mail.textBody).not.toContain(tokenOf(url));
    expect(mail.textBody).toContain('/claim/[redacted]');
    expect(mail.textBody).toContain('«\u00a0Bernard Alix\u00a0»');
    expect(t.lastMailTo(email).text).toContain(url);
    const jobs = await t.database.db.selectFrom('jobs').select('payload').execute();
    expect(JSON.stringify(jobs)).not.toContain(tokenOf(url));

    const preview = await t.app.inject({ url: `/api/v1/claims/${tokenOf(url)}` });
    expect(preview.json()).toMatchObject({
      placeholderName: 'Bernard Alix',
      communitySlug: DEMO,
      invitedByName: 'Première Admin',
      state: 'pending',
    });

    const bernard = await registerUser(t.app, 'Bernard Alix');
    const accepted = await t.app.inject({
      method: 'POST',
      url: `/api/v1/claims/${tokenOf(url)}/accept`,
      headers: { cookie: bernard.cookie },
    });
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json()).toMatchObject({
      communitySlug: DEMO,
      actionCount: 3,
      // The 15 June 2021 meeting, the September REX and the team's next meeting he is invited to.
      sessionCount: 3,
      circleCount: 1,
    });

    const mine = (
      await t.app.inject({ url: '/api/v1/me/actions', headers: { cookie: bernard.cookie } })
    ).json().items as { owners: { userId: string | null; name: string }[] }[];
    expect(mine).toHaveLength(3);
    for (const action of mine)
      expect(action.owners).toContainEqual({ userId: bernard.id, name: 'Bernard Alix' });

    // One Bernard, not two: the placeholder is gone, the account holds its standing.
    const members = (
      await t.app.inject({ url: `/api/v1/circles/${teamId}/members`, headers: { cookie: bernard.cookie } })
    ).json().items as { id: string; name: string }[];
    expect(members.filter((m) => m.name === 'Bernard Alix').map((m) => m.id)).toEqual([bernard.id]);
    const community = await t.app.inject({
      url: `/api/v1/communities/${DEMO}`,
      headers: { cookie: bernard.cookie },
    });
    expect(community.json()).toMatchObject({ myRole: 'animator', memberCount: 9 });
    const profile = (await t.app.inject({ url: '/api/v1/me', headers: { cookie: bernard.cookie } })).json();
    expect(profile.user.email).toBe(bernard.email);
    expect((await placeholders(admin)).json().items).toHaveLength(7);

    // Single use: a second accept, by anyone, is refused and changes nothing.
    const again = await t.app.inject({
      method: 'POST',
      url: `/api/v1/claims/${tokenOf(url)}/accept`,
      headers: { cookie: admin.cookie },
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.details).toEqual({ state: 'accepted' });
    expect((await t.app.inject({ url: `/api/v1/claims/${tokenOf(url)}` })).json().state).toBe('accepted');
  });

  it('lets the new animator plan the team’s next session, where the imported next steps come back', async () => {
    const planned = await t.app.inject({
      method: 'POST',
      url: `/api/v1/circles/${teamId}/sessions`,
      headers: { cookie: admin.cookie },
      payload: {
        title: 'Équipe d’animation : suite',
        startsAt: '2026-12-15T10:00:00Z',
        endsAt: '2026-12-15T11:30:00Z',
      },
    });
    expect(planned.statusCode).toBe(201);
    const session = (
      await t.app.inject({ url: `/api/v1/sessions/${planned.json().id}`, headers: { cookie: admin.cookie } })
    ).json();
    const bernards = (session.openActions as { owners: { name: string }[] }[]).filter((a) =>
      a.owners.some((o) => o.name === 'Bernard Alix'),
    );
    expect(bernards).toHaveLength(3);
  });
});
