import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPlaceholder } from '../../testing/placeholder-factory.ts';
import {
  buildCircle,
  buildCommunity,
  createTestApp,
  joinCommunity,
  registerUser,
  type TestApp,
  type TestUser,
} from '../../testing/test-app.ts';
import { testDialects } from '../../testing/test-database.ts';
import type { TerritorySubjectKind } from './territories.tables.ts';
import { subjectsInTerritory, territoryCodesOf, writeTerritoryCodes } from './territory-links.ts';

const year = new Date().getUTCFullYear() + 1;

describe.each(testDialects())('territories on %s', (dialect) => {
  let t: TestApp;
  let animator: TestUser;
  let facilitator: TestUser;
  let member: TestUser;
  let outsider: TestUser;
  let slug: string;
  let circleId: string;
  let privateId: string;
  const inject = (
    method: 'GET' | 'PATCH' | 'POST' | 'DELETE',
    url: string,
    user?: TestUser,
    payload?: object,
  ) =>
    t.app.inject({
      method,
      url: `/api/v1${url}`,
      headers: user ? { cookie: user.cookie } : {},
      ...(payload && { payload }),
    });
  const linksOf = (kind: TerritorySubjectKind, id: string) =>
    t.database.db
      .selectFrom('territoryLinks')
      .select('code')
      .where('subjectKind', '=', kind)
      .where('subjectId', '=', id)
      .orderBy('code')
      .execute()
      .then((rows) => rows.map((row) => row.code));

  beforeAll(async () => {
    t = await createTestApp(dialect);
    animator = await registerUser(t.app, 'Sandrine');
    facilitator = await registerUser(t.app, 'Bernard');
    member = await registerUser(t.app, 'Julie');
    outsider = await registerUser(t.app, 'Dehors');
    slug = (await buildCommunity(t.app, animator)).slug;
    for (const user of [facilitator, member]) await joinCommunity(t.app, user, slug);
    circleId = (await buildCircle(t.app, facilitator, slug, { name: 'Codev Gironde' })).id;
    privateId = (await buildCircle(t.app, animator, slug, { name: 'Boussoles', visibility: 'private' })).id;
  });
  afterAll(() => t.close());

  describe('GET /territories', () => {
    it('holds the 18 régions and 101 départements with their official codes', async () => {
      const response = await inject('GET', '/territories');
      expect(response.statusCode).toBe(200);
      const items: { code: string; inseeCode: string; name: string; kind: string; parentCode?: string }[] =
        response.json().items;
      expect(items.filter((item) => item.kind === 'region')).toHaveLength(18);
      expect(items.filter((item) => item.kind === 'department')).toHaveLength(101);
      const find = (code: string) => items.find((item) => item.code === code);
      expect(find('R75')).toEqual({
        code: 'R75',
        inseeCode: '75',
        name: 'Nouvelle-Aquitaine',
        kind: 'region',
      });
      expect(find('33')).toMatchObject({ name: 'Gironde', parentCode: 'R75', kind: 'department' });
      expect(find('2A')).toMatchObject({ name: 'Corse-du-Sud', parentCode: 'R94' });
      expect(find('976')).toMatchObject({ name: 'Mayotte', parentCode: 'R06' });
      // "01" is Ain; Guadeloupe the région is R01 (its département is 971).
      expect(find('01')?.name).toBe('Ain');
      expect(find('R01')?.name).toBe('Guadeloupe');
      expect(find('R44')?.name).toBe('Grand Est');
      // No collectivité d'outre-mer (Saint-Martin 978, Polynésie 987…).
      expect(find('978')).toBeUndefined();
    });
  });

  describe('PATCH /circles/{id} territoryCodes', () => {
    it('sets the codes, without duplicates, in catalogue order, and the circle carries them', async () => {
      const response = await inject('PATCH', `/circles/${circleId}`, facilitator, {
        territoryCodes: ['33', 'R75', '33'],
      });
      expect(response.statusCode, response.body).toBe(200);
      expect(response.json().territoryCodes).toEqual(['R75', '33']);
      const read = await inject('GET', `/communities/${slug}/circles`, member);
      const circle = read.json().items.find((item: { id: string }) => item.id === circleId);
      expect(circle.territoryCodes).toEqual(['R75', '33']);
    });

    it('refuses an unknown code with a 400 naming it, and changes nothing', async () => {
      const response = await inject('PATCH', `/circles/${circleId}`, facilitator, {
        name: 'Renamed',
        territoryCodes: ['33', '75', 'R99'],
      });
      expect(response.statusCode).toBe(400);
      expect(response.json().error.code).toBe('INVALID_INPUT');
      expect(response.body).toContain('R99');
      expect(response.body).not.toContain('"33"');
      expect(await linksOf('circle', circleId)).toEqual(['33', 'R75']);
      expect((await inject('GET', `/circles/${circleId}`, member)).json().name).toBe('Codev Gironde');
    });

    it('refuses more than 20 territories', async () => {
      const codes = Array.from({ length: 21 }, (_, index) => String(index + 1).padStart(2, '0'));
      const response = await inject('PATCH', `/circles/${circleId}`, facilitator, { territoryCodes: codes });
      expect(response.statusCode).toBe(400);
    });

    it('is for those who may edit the circle: 403 to a member, 404 to an outsider of a private one', async () => {
      const asMember = await inject('PATCH', `/circles/${circleId}`, member, { territoryCodes: ['R44'] });
      expect(asMember.statusCode).toBe(403);
      const hidden = await inject('PATCH', `/circles/${privateId}`, outsider, { territoryCodes: ['R44'] });
      expect(hidden.statusCode).toBe(404);
      expect(await linksOf('circle', circleId)).toEqual(['33', 'R75']);
      expect(await linksOf('circle', privateId)).toEqual([]);
    });

    it('empties with an empty list (national)', async () => {
      const response = await inject('PATCH', `/circles/${privateId}`, animator, { territoryCodes: ['R44'] });
      expect(response.json().territoryCodes).toEqual(['R44']);
      const cleared = await inject('PATCH', `/circles/${privateId}`, animator, { territoryCodes: [] });
      expect(cleared.json().territoryCodes).toEqual([]);
      expect(await linksOf('circle', privateId)).toEqual([]);
    });
  });

  describe('subjectsInTerritory', () => {
    it('finds, for a région, what is linked to it or to one of its départements', async () => {
      const db = t.database.db;
      const inside = (code: string) =>
        db
          .selectFrom('circles')
          .select('id')
          .where('id', 'in', subjectsInTerritory(db, 'circle', code))
          .execute()
          .then((rows) => rows.map((row) => row.id));
      expect(await inside('R75')).toEqual([circleId]);
      expect(await inside('33')).toEqual([circleId]);
      expect(await inside('24')).toEqual([]);
      expect(await inside('R44')).toEqual([]);
      const codes = await territoryCodesOf(db, 'circle', [circleId, privateId]);
      expect(codes.get(circleId)).toEqual(['R75', '33']);
      expect(codes.get(privateId)).toEqual([]);
    });
  });

  describe('PATCH /communities/{slug} territoryCodes', () => {
    it('is for its animators: 403 to a member; the community carries the codes', async () => {
      const refused = await inject('PATCH', `/communities/${slug}`, member, { territoryCodes: ['R44'] });
      expect(refused.statusCode).toBe(403);
      const response = await inject('PATCH', `/communities/${slug}`, animator, { territoryCodes: ['R44'] });
      expect(response.statusCode, response.body).toBe(200);
      expect(response.json().territoryCodes).toEqual(['R44']);
      const read = await inject('GET', `/communities/${slug}`, outsider);
      expect(read.json().territoryCodes).toEqual(['R44']);
    });

    it('refuses an unknown code and keeps the old ones', async () => {
      const response = await inject('PATCH', `/communities/${slug}`, animator, { territoryCodes: ['ZZ'] });
      expect(response.statusCode).toBe(400);
      expect(await linksOf('community', (await inject('GET', `/communities/${slug}`)).json().id)).toEqual([
        'R44',
      ]);
    });
  });

  describe('PATCH /events/{id} territoryCodes', () => {
    let eventId: string;
    beforeAll(async () => {
      const created = await inject('POST', `/communities/${slug}/events`, animator, {
        title: 'Rencontre à Bordeaux',
        startsAt: `${year}-03-10T09:00:00+01:00`,
        endsAt: `${year}-03-10T17:00:00+01:00`,
        timeZone: 'Europe/Paris',
        visibility: 'public',
      });
      expect(created.statusCode, created.body).toBe(201);
      eventId = created.json().id;
    });

    it('is for its organisers; the event carries the codes', async () => {
      const refused = await inject('PATCH', `/events/${eventId}`, member, { territoryCodes: ['33'] });
      expect(refused.statusCode).toBe(403);
      const response = await inject('PATCH', `/events/${eventId}`, animator, { territoryCodes: ['33'] });
      expect(response.statusCode, response.body).toBe(200);
      expect(response.json().territoryCodes).toEqual(['33']);
    });

    it('refuses an unknown code', async () => {
      const response = await inject('PATCH', `/events/${eventId}`, animator, { territoryCodes: ['34', '3'] });
      expect(response.statusCode).toBe(400);
      expect(await linksOf('event', eventId)).toEqual(['33']);
    });

    it('loses its territories when it is deleted', async () => {
      const response = await inject('DELETE', `/events/${eventId}`, animator);
      expect(response.statusCode, response.body).toBe(204);
      expect(await linksOf('event', eventId)).toEqual([]);
    });
  });

  describe('PATCH /me territoryCodes', () => {
    it('sets one’s own profile territories, read back by GET /me', async () => {
      const response = await inject('PATCH', '/me', member, { territoryCodes: ['R75', '24'] });
      expect(response.statusCode, response.body).toBe(200);
      expect(response.json().user.territoryCodes).toEqual(['R75', '24']);
      expect((await inject('GET', '/me', member)).json().user.territoryCodes).toEqual(['R75', '24']);
      expect(await linksOf('user', outsider.id)).toEqual([]);
    });

    it('refuses an unknown code and keeps the profile as it was', async () => {
      const response = await inject('PATCH', '/me', member, {
        organisation: 'CNFPT',
        territoryCodes: ['999'],
      });
      expect(response.statusCode).toBe(400);
      const me = (await inject('GET', '/me', member)).json().user;
      expect(me.organisation).toBeNull();
      expect(me.territoryCodes).toEqual(['R75', '24']);
    });
  });

  describe('claiming a placeholder', () => {
    it('gives the account the placeholder’s profile territories, without duplicates', async () => {
      const db = t.database.db;
      const community = (await inject('GET', `/communities/${slug}`)).json();
      const placeholder = await buildPlaceholder(db, { name: 'Julie Chabaud', communityId: community.id });
      await writeTerritoryCodes(db, 'user', placeholder.id, ['33', 'R44']);
      const julie = await registerUser(t.app, 'Julie C.');
      await inject('PATCH', '/me', julie, { territoryCodes: ['33'] });
      const invitation = await inject(
        'POST',
        `/communities/${slug}/placeholders/${placeholder.id}/invitations`,
        animator,
        { email: julie.email },
      );
      expect(invitation.statusCode, invitation.body).toBe(201);
      const token = invitation.json().url.split('/claim/')[1] ?? '';
      const accepted = await inject('POST', `/claims/${token}/accept`, julie);
      expect(accepted.statusCode, accepted.body).toBeLessThan(300);
      expect((await inject('GET', '/me', julie)).json().user.territoryCodes).toEqual(['R44', '33']);
      expect(await linksOf('user', placeholder.id)).toEqual([]);
    });
  });
});
