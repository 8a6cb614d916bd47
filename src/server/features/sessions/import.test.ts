import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addToCircle,
  buildCircle,
  buildCommunity,
  createTestApp,
  joinCommunity,
  registerUser,
  type TestApp,
  type TestUser,
} from '../../testing/test-app.ts';
import { testDialects } from '../../testing/test-database.ts';

const seed = readFileSync(
  new URL('../../../../fixtures/seed-meeting-2021-06-15.txt', import.meta.url),
  'utf8',
);

describe.each(testDialects())('importing pad notes on %s', (dialect) => {
  let t: TestApp;
  let facilitator: TestUser;
  let bernard: TestUser;
  let circleId: string;

  const importText = (payload: string | Buffer, query = '', user: TestUser = facilitator) =>
    t.app.inject({
      method: 'POST',
      url: `/api/v1/circles/${circleId}/sessions/import${query}`,
      headers: { cookie: user.cookie, 'content-type': 'text/plain; charset=utf-8' },
      payload,
    });

  beforeAll(async () => {
    t = await createTestApp(dialect);
    facilitator = await registerUser(t.app, 'Florent Merlet');
    bernard = await registerUser(t.app, 'Bernard Alix');
    const community = await buildCommunity(t.app, facilitator);
    await joinCommunity(t.app, bernard, community.slug);
    circleId = (await buildCircle(t.app, facilitator, community.slug, { visibility: 'private' })).id;
    await addToCircle(t.app, facilitator, circleId, bernard);
  });
  afterAll(() => t.close());

  it('imports the 15 June 2021 meeting faithfully', async () => {
    const response = await importText(seed);
    expect(response.statusCode).toBe(201);
    const { session, report } = response.json();
    expect(session.title).toBe("Stratégie d'animation de la communauté");
    expect(session.timeZone).toBe('Europe/Paris');
    expect(session.agenda.map((i: { startsAt: string; endsAt: string }) => [i.startsAt, i.endsAt])).toEqual([
      ['2021-06-15T10:00:00.000Z', '2021-06-15T10:10:00.000Z'],
      ['2021-06-15T10:10:00.000Z', '2021-06-15T10:30:00.000Z'],
      ['2021-06-15T10:30:00.000Z', '2021-06-15T10:40:00.000Z'],
      ['2021-06-15T10:40:00.000Z', '2021-06-15T10:50:00.000Z'],
      ['2021-06-15T10:50:00.000Z', '2021-06-15T11:00:00.000Z'],
    ]);
    expect(session.agenda[1].children).toHaveLength(3);
    expect(session.agenda[1].notes).toContain('Cercle Codev : 12 participants');
    expect(session.participants.map((p: { name: string }) => p.name)).toEqual([
      'Florent Merlet',
      'Philippe Gambier',
      'Thierry Ambrosini',
      'Sandrine Demoulin-Noirclerc',
      'Bernard Alix',
      'Isabelle Cazaunau',
      'Bruno Ach',
      'Julie Chabaud',
    ]);
    // Matched to the circle's people by name; the others are listed as guests.
    const bernardParticipant = session.participants.find((p: { name: string }) => p.name === 'Bernard Alix');
    expect(bernardParticipant.userId).toBe(bernard.id);
    expect(session.participants.find((p: { name: string }) => p.name === 'Julie Chabaud').userId).toBeNull();
    expect(session.synthesis).toContain('proposer un évènement distancié');
    const owned = session.actions.filter((a: { owners: { userId: string }[] }) =>
      a.owners.some((o) => o.userId === bernard.id),
    );
    expect(owned.map((a: { title: string }) => a.title)).toEqual([
      'abécédaire (gros travail) et dernière séquence Boussole',
      'évaluation au sein des cercles',
      'scénario pédagogique du REX',
    ]);
    expect(
      session.actions.some((a: { owners: { userId: string }[] }) =>
        a.owners.some((o) => o.userId === facilitator.id),
      ),
    ).toBe(true);
    expect(session.votes[0].sections.map((s: { label: string }) => s.label)).toEqual(['A', 'B', 'C', 'D']);
    expect(session.votes[0].sections[0].options).toEqual([
      'Altérité',
      'Apprendre ensemble (Apprenance)',
      'Archipel',
    ]);
    expect(report.unplacedCount).toBe(report.unplaced.length);

    // Its next steps come back in the circle's next session.
    const next = await t.app.inject({
      method: 'POST',
      url: `/api/v1/circles/${circleId}/sessions`,
      headers: { cookie: facilitator.cookie },
      payload: {
        title: 'Rentrée',
        startsAt: '2021-09-20T12:00:00+02:00',
        endsAt: '2021-09-20T13:00:00+02:00',
      },
    });
    expect(next.json().openActions.length).toBe(session.actions.length);
  });

  it('previews with dryRun and saves nothing', async () => {
    const before = (
      await t.app.inject({
        url: `/api/v1/circles/${circleId}/sessions`,
        headers: { cookie: facilitator.cookie },
      })
    ).json().items.length;
    const preview = await importText(seed, '?dryRun=1');
    expect(preview.statusCode).toBe(200);
    expect(preview.json().session.agenda).toHaveLength(5);
    // The review offers the seed's sign-up sheet and date poll.
    expect(preview.json().offers).toEqual({
      signup: {
        title: 'Qui veut y travailler ?',
        topics: [
          "Mise en place d'un retour d'expérience des cercles d'apprentissage fin septembre ?",
          "Comment évaluer les cercles d'apprentissage ?",
        ],
      },
      datePolls: [{ title: 'Organisation de deux séances de travail' }],
    });
    const after = (
      await t.app.inject({
        url: `/api/v1/circles/${circleId}/sessions`,
        headers: { cookie: facilitator.cookie },
      })
    ).json().items.length;
    expect(after).toBe(before);
  });

  it('refuses empty, binary, undated and oversized text with a clear 4xx, and non-facilitators', async () => {
    expect((await importText('   \n\n')).statusCode).toBe(400);
    expect((await importText(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0xff, 0xfe, 0x01]))).statusCode).toBe(
      400,
    );
    const undated = await importText('Ordre du jour\n- [9h30 > 9h45] Météo\n');
    expect(undated.statusCode).toBe(400);
    expect(undated.json().error.message).toMatch(/date/);
    expect((await importText('Ordre du jour\n- [9h30 > 9h45] Météo\n', '?date=2026-12-01')).statusCode).toBe(
      201,
    );
    const huge = await importText('x'.repeat(5 * 1024 * 1024));
    expect(huge.statusCode).toBe(413);
    expect(huge.json().error.code).toBe('INVALID_INPUT');
    expect((await importText(seed, '', bernard)).statusCode).toBe(403);
    const outsider = await registerUser(t.app);
    expect((await importText(seed, '', outsider)).statusCode).toBe(404);
  });
});
