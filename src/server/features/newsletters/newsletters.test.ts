import { parseDocument } from 'htmlparser2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addToCircle,
  buildCircle,
  buildCommunity,
  buildSession,
  createTestApp,
  joinCommunity,
  registerUser,
  type TestApp,
  type TestUser,
} from '../../testing/test-app.ts';
import { testDialects } from '../../testing/test-database.ts';

describe.each(testDialects())('communications and newsletters on %s', (dialect) => {
  let t: TestApp;
  let admin: TestUser;
  let animator: TestUser;
  let facilitator: TestUser;
  let member: TestUser;
  let insider: TestUser;
  let outsider: TestUser;
  let otherAnimator: TestUser;
  let slug: string;
  let publicSessionId: string;
  let privateSessionId: string;

  const as = (user?: TestUser) => (user ? { cookie: user.cookie } : {});
  const flag = (sessionId: string, user: TestUser | undefined, payload: unknown) =>
    t.app.inject({
      method: 'POST',
      url: `/api/v1/sessions/${sessionId}/communications`,
      headers: as(user),
      payload: payload as object,
    });
  const communications = async (user?: TestUser, query = '') =>
    t.app.inject({ url: `/api/v1/communities/${slug}/communications${query}`, headers: as(user) });
  const compose = (user: TestUser, payload: object) =>
    t.app.inject({
      method: 'POST',
      url: `/api/v1/communities/${slug}/newsletters`,
      headers: as(user),
      payload,
    });

  beforeAll(async () => {
    t = await createTestApp(dialect);
    admin = await registerUser(t.app, 'Admin');
    animator = await registerUser(t.app, 'Sandrine');
    facilitator = await registerUser(t.app, 'Florent');
    member = await registerUser(t.app, 'Julie');
    insider = await registerUser(t.app, 'Marc');
    outsider = await registerUser(t.app, 'Awa');
    otherAnimator = await registerUser(t.app, 'Lucie');
    const community = await buildCommunity(t.app, animator);
    slug = community.slug;
    for (const user of [facilitator, member, insider, otherAnimator]) await joinCommunity(t.app, user, slug);
    await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/communities/${slug}/members/${otherAnimator.id}`,
      headers: as(animator),
      payload: { role: 'animator' },
    });
    const open = await buildCircle(t.app, facilitator, slug, { visibility: 'community' });
    const closed = await buildCircle(t.app, facilitator, slug, {
      visibility: 'private',
      name: 'Cercle secret',
    });
    await addToCircle(t.app, facilitator, open.id, member);
    await addToCircle(t.app, facilitator, closed.id, insider);
    publicSessionId = (
      await buildSession(t.app, facilitator, open.id, {
        startsAt: '2026-12-01T10:00:00Z',
        endsAt: '2026-12-01T11:00:00Z',
      })
    ).id;
    privateSessionId = (await buildSession(t.app, facilitator, closed.id)).id;
  });
  afterAll(() => t.close());

  describe('POST /sessions/{id}/communications', () => {
    it('appends an item with its author for a participant', async () => {
      const response = await flag(publicSessionId, member, { text: 'La Gironde lance un cercle' });
      expect(response.statusCode).toBe(201);
      expect(response.json()).toMatchObject({
        text: 'La Gironde lance un cercle',
        sessionId: publicSessionId,
        author: { id: member.id, name: 'Julie' },
        usedInNewsletter: false,
      });
      const session = await t.app.inject({ url: `/api/v1/sessions/${publicSessionId}`, headers: as(member) });
      expect(session.json().announcements).toEqual([
        expect.objectContaining({ text: 'La Gironde lance un cercle', authorName: 'Julie' }),
      ]);
    });

    it('keeps the items and their authors when the list is rewritten with the same texts', async () => {
      const before = (await communications(member)).json().items;
      const put = await t.app.inject({
        method: 'PUT',
        url: `/api/v1/sessions/${publicSessionId}/announcements`,
        headers: as(facilitator),
        payload: { items: ['Nouvel article sur le wiki', 'La Gironde lance un cercle'] },
      });
      expect(put.statusCode).toBe(200);
      const after = (await communications(member)).json().items;
      const kept = after.find((item: { text: string }) => item.text === 'La Gironde lance un cercle');
      expect(kept).toMatchObject({ id: before[0].id, author: { name: 'Julie' } });
      expect(
        after.find((item: { text: string }) => item.text === 'Nouvel article sur le wiki'),
      ).toMatchObject({
        author: { name: 'Florent' },
      });
    });

    it('is 404 for someone who may not see the session and 403 for a reader who takes no part', async () => {
      expect((await flag(privateSessionId, member, { text: 'x' })).statusCode).toBe(404);
      expect((await flag(publicSessionId, outsider, { text: 'x' })).statusCode).toBe(404);
      expect((await flag(publicSessionId, undefined, { text: 'x' })).statusCode).toBe(401);
    });

    it('refuses bad input with 400', async () => {
      for (const payload of [
        {},
        { text: '' },
        { text: '   ' },
        { text: 'x'.repeat(2001) },
        { text: 'ok', more: 1 },
      ]) {
        const response = await flag(publicSessionId, member, payload);
        expect(response.statusCode).toBe(400);
        expect(response.json().error.code).toBe('INVALID_INPUT');
      }
    });
  });

  describe('GET /communities/{slug}/communications', () => {
    it('lists a private circle’s items only to those who read its content', async () => {
      expect((await flag(privateSessionId, insider, { text: 'Secret du cercle' })).statusCode).toBe(201);
      const texts = async (user?: TestUser) =>
        (await communications(user)).json().items.map((item: { text: string }) => item.text);
      expect(await texts(insider)).toContain('Secret du cercle');
      expect(await texts(member)).not.toContain('Secret du cercle');
      expect(await texts(member)).toContain('La Gironde lance un cercle');
      // A private circle is hidden from everyone without a standing in it (decision 004), the
      // community's animators and instance admins included: its items stay in the circle.
      expect(await texts(otherAnimator)).not.toContain('Secret du cercle');
      expect(await texts(admin)).not.toContain('Secret du cercle');
      expect(await texts(otherAnimator)).toContain('La Gironde lance un cercle');
      // A community circle is for the community's members: visitors and outsiders see none of it.
      expect(await texts(outsider)).toEqual([]);
      expect(await texts(undefined)).toEqual([]);
    });

    it('pages by keyset', async () => {
      const first = (await communications(insider, '?limit=1')).json();
      expect(first.items).toHaveLength(1);
      const second = (await communications(insider, `?limit=1&cursor=${first.nextCursor}`)).json();
      expect(second.items[0].id).not.toBe(first.items[0].id);
      expect((await communications(insider, '?cursor=bad')).statusCode).toBe(400);
      expect((await t.app.inject({ url: '/api/v1/communities/nope/communications' })).statusCode).toBe(404);
    });
  });

  describe('newsletters', () => {
    let itemId: string;
    let secretId: string;
    let letterId: string;
    beforeAll(async () => {
      const items = (await communications(insider)).json().items;
      itemId = items.find((item: { text: string }) => item.text === 'La Gironde lance un cercle').id;
      secretId = items.find((item: { text: string }) => item.text === 'Secret du cercle').id;
    });

    it('lets animators compose from items they may read, and nobody else', async () => {
      expect((await compose(member, { subject: 'Lettre', itemIds: [itemId] })).statusCode).toBe(403);
      expect((await compose(outsider, { subject: 'Lettre' })).statusCode).toBe(403);
      const bad = await compose(animator, { subject: 'Lettre', itemIds: ['nope'] });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error.details[0].path).toEqual(['itemIds']);
      expect((await compose(animator, { subject: '' })).statusCode).toBe(400);
      // An item of a circle the animator may not read cannot go into a letter.
      const hidden = await compose(animator, { subject: 'Lettre', itemIds: [itemId, secretId] });
      expect(hidden.statusCode).toBe(400);
      expect(hidden.json().error.details[0].message).toContain(secretId);
      const created = await compose(animator, {
        subject: 'Lettre de décembre',
        body: '## Nouvelles\n\nBienvenue **à tous** <script>alert(1)</script>',
        itemIds: [itemId],
      });
      expect(created.statusCode).toBe(201);
      letterId = created.json().id;
      expect(created.json()).toMatchObject({ status: 'draft', sentAt: null, abilities: { steer: true } });
      expect(created.json().items.map((item: { text: string }) => item.text)).toEqual([
        'La Gironde lance un cercle',
      ]);
      const listed = (await communications(insider)).json().items;
      expect(listed.find((item: { id: string }) => item.id === itemId).usedInNewsletter).toBe(true);
    });

    it('hides drafts from everyone but animators and admins', async () => {
      for (const user of [member, insider, outsider, undefined]) {
        expect(
          (await t.app.inject({ url: `/api/v1/newsletters/${letterId}`, headers: as(user) })).statusCode,
        ).toBe(404);
      }
      expect(
        (await t.app.inject({ url: `/api/v1/newsletters/${letterId}`, headers: as(admin) })).statusCode,
      ).toBe(200);
      const drafts = await t.app.inject({
        url: `/api/v1/communities/${slug}/newsletters?status=draft`,
        headers: as(member),
      });
      expect(drafts.statusCode).toBe(404);
      const mine = await t.app.inject({
        url: `/api/v1/communities/${slug}/newsletters?status=draft`,
        headers: as(otherAnimator),
      });
      expect(mine.json().items.map((item: { id: string }) => item.id)).toEqual([letterId]);
    });

    it('edits a draft and previews it as the mail will be, HTML escaped', async () => {
      const patch = await t.app.inject({
        method: 'PATCH',
        url: `/api/v1/newsletters/${letterId}`,
        headers: as(otherAnimator),
        payload: { subject: 'Lettre de décembre & co' },
      });
      expect(patch.statusCode).toBe(200);
      expect(
        (
          await t.app.inject({
            method: 'PATCH',
            url: `/api/v1/newsletters/${letterId}`,
            headers: as(member),
            payload: { subject: 'x' },
          })
        ).statusCode,
      ).toBe(404);
      const preview = await t.app.inject({
        url: `/api/v1/newsletters/${letterId}/preview`,
        headers: as(animator),
      });
      expect(preview.statusCode).toBe(200);
      const { subject, html, text } = preview.json();
      expect(subject).toBe('Lettre de décembre & co');
      expect(html).toContain('<h3>Nouvelles</h3>');
      expect(html).toContain('<strong>à tous</strong>');
      expect(html).toContain('&lt;script&gt;');
      expect(html).not.toContain('<script>');
      expect(text).toContain('À communiquer');
      expect(text).toContain('- La Gironde lance un cercle (');
      expect(text).toContain(`http://archipel.test/newsletters/${letterId}`);
      expect(
        (await t.app.inject({ url: `/api/v1/newsletters/${letterId}/preview`, headers: as(member) }))
          .statusCode,
      ).toBe(404);
    });

    it('sends once: members may not, a second send is 409, a sent letter is not edited', async () => {
      const send = (user: TestUser) =>
        t.app.inject({ method: 'POST', url: `/api/v1/newsletters/${letterId}/send`, headers: as(user) });
      expect((await send(member)).statusCode).toBe(404);
      const sent = await send(animator);
      expect(sent.statusCode).toBe(200);
      expect(sent.json()).toMatchObject({
        status: 'sent',
        sentAt: expect.any(String),
        abilities: { steer: false },
      });
      expect((await send(animator)).statusCode).toBe(409);
      const edit = await t.app.inject({
        method: 'PATCH',
        url: `/api/v1/newsletters/${letterId}`,
        headers: as(animator),
        payload: { subject: 'x' },
      });
      expect(edit.statusCode).toBe(409);
    });

    it('keeps the archive to members until it is made public, with an Atom feed then', async () => {
      const archive = (user?: TestUser) =>
        t.app.inject({ url: `/api/v1/communities/${slug}/newsletters`, headers: as(user) });
      const feed = () => t.app.inject({ url: `/api/v1/communities/${slug}/newsletters.atom` });
      expect((await archive(member)).json().items.map((item: { id: string }) => item.id)).toEqual([letterId]);
      expect((await archive(outsider)).statusCode).toBe(404);
      expect((await archive(undefined)).statusCode).toBe(404);
      expect((await t.app.inject({ url: `/api/v1/newsletters/${letterId}` })).statusCode).toBe(404);
      expect((await feed()).statusCode).toBe(404);

      const settings = (user: TestUser) =>
        t.app.inject({
          method: 'PUT',
          url: `/api/v1/communities/${slug}/newsletter-settings`,
          headers: as(user),
          payload: { publicArchive: true },
        });
      expect((await settings(member)).statusCode).toBe(403);
      expect((await settings(animator)).statusCode).toBe(200);
      expect((await archive(undefined)).json().items).toHaveLength(1);
      expect((await t.app.inject({ url: `/api/v1/newsletters/${letterId}` })).json().subject).toBe(
        'Lettre de décembre & co',
      );

      const response = await feed();
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toBe('application/atom+xml; charset=utf-8');
      const document = parseDocument(response.body, { xmlMode: true });
      const feedElement = document.children.find((node) => 'name' in node && node.name === 'feed');
      expect(feedElement && 'attribs' in feedElement && feedElement.attribs.xmlns).toBe(
        'http://www.w3.org/2005/Atom',
      );
      expect(response.body).toContain(`<title>Lettre de décembre &amp; co</title>`);
      expect(response.body).toContain(
        `<link rel="self" type="application/atom+xml" href="http://archipel.test/api/v1/communities/${slug}/newsletters.atom"/>`,
      );
      expect(response.body).toMatch(
        new RegExp(`<id>tag:archipel\\.test,\\d{4}-\\d{2}-\\d{2}:newsletter:${letterId}</id>`),
      );
      // The content is HTML escaped once for XML: no markup from the letter's text survives.
      expect(response.body).toContain('&lt;strong&gt;à tous&lt;/strong&gt;');
      expect(response.body).toContain('&amp;lt;script&amp;gt;');
      expect(response.body.match(/<entry>/g)).toHaveLength(1);
      const sentAt = (await t.app.inject({ url: `/api/v1/newsletters/${letterId}` })).json().sentAt;
      expect(response.body).toContain(`<updated>${sentAt}</updated>`);
    });
  });
});
