import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildCommunity,
  createTestApp,
  joinCommunity,
  registerUser,
  type TestApp,
  type TestUser,
} from '../../testing/test-app.ts';
import { testDialects } from '../../testing/test-database.ts';
import { eventsTick } from './registration-mails.ts';

const year = new Date().getUTCFullYear() + 1;
const at = (day: number, hour: number, minute = 0) =>
  `${year}-11-${String(day).padStart(2, '0')}T${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}:00+01:00`;

/** The guest link a mail carries (its button), as the recipient clicks it. */
function linkTokenIn(text: string): string {
  const match = /\/registrations\/link\/([A-Za-z0-9_-]+)/.exec(text);
  if (!match?.[1]) throw new Error(`no registration link in: ${text}`);
  return match[1];
}

describe.each(testDialects())('events on %s', (dialect) => {
  let t: TestApp;
  let animator: TestUser;
  let member: TestUser;
  let outsider: TestUser;
  let slug: string;
  const as = (user?: TestUser) => (user ? { cookie: user.cookie } : {});
  const inject = (
    method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    url: string,
    user?: TestUser,
    payload?: object,
  ) => t.app.inject({ method, url: `/api/v1${url}`, headers: as(user), ...(payload && { payload }) });

  const createEvent = async (payload: object = {}) => {
    const response = await inject('POST', `/communities/${slug}/events`, animator, {
      title: 'Université de l’innovation publique territoriale',
      description: 'Un **temps fort** du réseau.',
      startsAt: at(16, 9),
      endsAt: at(18, 18),
      timeZone: 'Europe/Paris',
      visibility: 'public',
      ...payload,
    });
    expect(response.statusCode, response.body).toBe(201);
    return response.json() as { id: string };
  };
  const addSlot = async (eventId: string, payload: object) => {
    const response = await inject('POST', `/events/${eventId}/slots`, animator, {
      title: 'Atelier',
      kind: 'workshop',
      startsAt: at(16, 10),
      endsAt: at(16, 12),
      ...payload,
    });
    expect(response.statusCode, response.body).toBe(201);
    return response.json() as { id: string };
  };

  beforeAll(async () => {
    t = await createTestApp(dialect);
    animator = await registerUser(t.app, 'Marie');
    member = await registerUser(t.app, 'Bernard');
    outsider = await registerUser(t.app, 'Visiteur');
    slug = (await buildCommunity(t.app, animator)).slug;
    await joinCommunity(t.app, member, slug);
  });
  afterAll(() => t?.close());

  it('creates an event with sites and slots, shown as a programme to anyone when public', async () => {
    const event = await createEvent();
    const site = await inject('POST', `/events/${event.id}/sites`, animator, {
      name: 'Bordeaux',
      address: '1 cours de l’Intendance',
      capacity: 80,
    });
    expect(site.statusCode, site.body).toBe(201);
    const online = await inject('POST', `/events/${event.id}/sites`, animator, {
      name: 'En ligne',
      onlineUrl: 'https://visio.example.org/riposte',
    });
    expect(online.json()).toMatchObject({ online: true, onlineUrl: 'https://visio.example.org/riposte' });
    await addSlot(event.id, {
      title: 'Plénière',
      kind: 'plenary',
      siteId: site.json().id,
      speakers: ['Sandrine'],
    });

    const anonymous = await inject('GET', `/events/${event.id}`);
    expect(anonymous.statusCode).toBe(200);
    const seen = anonymous.json();
    expect(seen).toMatchObject({
      title: 'Université de l’innovation publique territoriale',
      visibility: 'public',
      guestsWelcome: true,
      myRegistration: null,
      abilities: { read: true, takePart: false, steer: false },
    });
    expect(seen.sites.map((s: { name: string }) => s.name)).toEqual(['Bordeaux', 'En ligne']);
    // The visio link is for those who have a place, not for every visitor of a public page.
    expect(seen.sites[1]).toMatchObject({ online: true, onlineUrl: null });
    expect(seen.slots[0]).toMatchObject({ title: 'Plénière', speakers: ['Sandrine'], confirmedCount: 0 });
    expect(JSON.stringify(seen)).not.toContain('Marie');

    const list = await inject('GET', `/communities/${slug}/events`);
    expect(list.json().items.map((e: { id: string }) => e.id)).toContain(event.id);
    const ics = await inject('GET', `/communities/${slug}/events.ics`);
    expect(ics.headers['content-type']).toContain('text/calendar');
    expect(ics.body).toContain('Université de l’innovation');
    expect(ics.body).toContain('TZID=Europe/Paris');
  });

  it('keeps a community event from outsiders (404) and out of its feed, lists it for members', async () => {
    const event = await createEvent({ title: 'Réunion du réseau', visibility: 'community' });
    expect((await inject('GET', `/events/${event.id}`)).statusCode).toBe(404);
    expect((await inject('GET', `/events/${event.id}`, outsider)).statusCode).toBe(404);
    expect((await inject('POST', `/events/${event.id}/registrations`, outsider, {})).statusCode).toBe(404);
    expect(
      (
        await inject('POST', `/events/${event.id}/registrations`, undefined, {
          name: 'X',
          email: 'x@example.org',
        })
      ).statusCode,
    ).toBe(404);
    expect((await inject('GET', `/events/${event.id}`, member)).statusCode).toBe(200);
    const outsiders = (await inject('GET', `/communities/${slug}/events`, outsider)).json();
    expect(outsiders.items.map((e: { id: string }) => e.id)).not.toContain(event.id);
    const members = (await inject('GET', `/communities/${slug}/events`, member)).json();
    expect(members.items.map((e: { id: string }) => e.id)).toContain(event.id);
    expect((await inject('GET', `/communities/${slug}/events.ics`)).body).not.toContain('Réunion du réseau');
    // Only organisers create and organise.
    expect(
      (
        await inject('POST', `/communities/${slug}/events`, member, {
          title: 'x',
          startsAt: at(1, 9),
          endsAt: at(1, 10),
          timeZone: 'Europe/Paris',
          visibility: 'public',
        })
      ).statusCode,
    ).toBe(403);
    expect((await inject('PATCH', `/events/${event.id}`, member, { title: 'x' })).statusCode).toBe(403);
  });

  it('refuses slots ending before they start, outside the event, and overlapping registrations (400)', async () => {
    const event = await createEvent();
    const backwards = await inject('POST', `/events/${event.id}/slots`, animator, {
      title: 'À rebours',
      kind: 'workshop',
      startsAt: at(16, 12),
      endsAt: at(16, 10),
    });
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json().error.code).toBe('INVALID_INPUT');
    const outside = await inject('POST', `/events/${event.id}/slots`, animator, {
      title: 'Hors cadre',
      kind: 'workshop',
      startsAt: at(20, 10),
      endsAt: at(20, 12),
    });
    expect(outside.statusCode).toBe(400);
    const eventBackwards = await inject('POST', `/communities/${slug}/events`, animator, {
      title: 'x',
      startsAt: at(2, 12),
      endsAt: at(2, 10),
      timeZone: 'Europe/Paris',
      visibility: 'public',
    });
    expect(eventBackwards.statusCode).toBe(400);

    const a = await addSlot(event.id, { title: 'Atelier A', startsAt: at(16, 10), endsAt: at(16, 12) });
    const b = await addSlot(event.id, { title: 'Atelier B', startsAt: at(16, 11), endsAt: at(16, 13) });
    const c = await addSlot(event.id, { title: 'Atelier C', startsAt: at(16, 12), endsAt: at(16, 13) });
    const both = await inject('POST', `/events/${event.id}/registrations`, member, { slotIds: [a.id, b.id] });
    expect(both.statusCode).toBe(400);
    expect(both.json().error.message).toContain('Atelier A');
    // Nothing was kept of the refused registration.
    expect((await inject('GET', `/events/${event.id}`, member)).json().myRegistration).toBeNull();
    const ok = await inject('POST', `/events/${event.id}/registrations`, member, { slotIds: [a.id, c.id] });
    expect(ok.statusCode, ok.body).toBe(201);
    // Adding an overlapping one later is refused too, and changes nothing.
    const later = await inject('POST', `/events/${event.id}/registrations`, member, { slotIds: [b.id] });
    expect(later.statusCode).toBe(400);
    const mine = (await inject('GET', `/events/${event.id}`, member)).json().myRegistration;
    expect(mine.slots.map((s: { slotId: string }) => s.slotId).sort()).toEqual([a.id, c.id].sort());
    // My .ics and my personal feed hold the event and the slots I chose, not the others.
    const ics = (await inject('GET', `/registrations/${mine.id}/calendar.ics`, member)).body;
    expect(ics).toContain('SUMMARY:Atelier A');
    expect(ics).toContain('SUMMARY:Atelier C');
    expect(ics).not.toContain('Atelier B');
    const feed = (await inject('GET', '/me/calendar-feed', member)).json().url as string;
    const feedIcs = (await t.app.inject({ url: new URL(feed).pathname })).body;
    expect(feedIcs).toContain('SUMMARY:Atelier A');
    expect((await inject('GET', `/registrations/${mine.id}/calendar.ics`, outsider)).statusCode).toBe(404);
    const foreign = await inject('PUT', `/registrations/${mine.id}/slots`, member, { slotIds: ['nope'] });
    expect(foreign.statusCode).toBe(400);
    expect(
      (await inject('PUT', `/registrations/${mine.id}/slots`, outsider, { slotIds: [] })).statusCode,
    ).toBe(404);
  });

  it('gives 20 places of 100 simultaneous registrations (members and guests) and waitlists 80 in order', async () => {
    const event = await createEvent({ title: 'Forum', startsAt: at(20, 9), endsAt: at(20, 18) });
    const slot = await addSlot(event.id, {
      title: 'Atelier très demandé',
      capacity: 20,
      startsAt: at(20, 10),
      endsAt: at(20, 12),
    });
    const people: TestUser[] = [];
    for (let index = 0; index < 85; index++) people.push(await registerUser(t.app, `Agent ${index}`));
    // Guests register first; their registrations hold nothing until confirmed from their mail.
    const guestTokens: string[] = [];
    for (let index = 0; index < 15; index++) {
      const email = `invite${index}.${dialect}@example.org`;
      const created = await inject('POST', `/events/${event.id}/registrations`, undefined, {
        name: `Invité ${index}`,
        email,
        slotIds: [slot.id],
      });
      expect(created.statusCode, created.body).toBe(201);
      expect(created.json()).toMatchObject({ status: 'unconfirmed', slots: [{ status: 'pending' }] });
    }
    await t.runJobs();
    for (let index = 0; index < 15; index++) {
      guestTokens.push(linkTokenIn(t.lastMailTo(`invite${index}.${dialect}@example.org`).text ?? ''));
    }
    expect((await inject('GET', `/events/${event.id}`)).json().slots[0].confirmedCount).toBe(0);

    const answers = await Promise.all([
      ...people.map((person) =>
        inject('POST', `/events/${event.id}/registrations`, person, { slotIds: [slot.id] }),
      ),
      ...guestTokens.map((token) => inject('POST', `/registration-links/${token}/confirm`)),
    ]);
    for (const answer of answers) expect(answer.statusCode, answer.body).toBeLessThan(300);

    const listed = await inject('GET', `/events/${event.id}/registrations?limit=100`, animator);
    const registrations = listed.json().items as {
      name: string;
      slots: { status: string; waitlistPosition: number | null }[];
    }[];
    expect(registrations).toHaveLength(100);
    const onSlot = registrations.map((r) => r.slots[0]);
    expect(onSlot.filter((s) => s?.status === 'confirmed')).toHaveLength(20);
    const waiting = onSlot.filter((s) => s?.status === 'waitlisted');
    expect(waiting).toHaveLength(80);
    expect(waiting.map((s) => s?.waitlistPosition).sort((x, y) => (x ?? 0) - (y ?? 0))).toEqual(
      Array.from({ length: 80 }, (_, index) => index + 1),
    );
    const detail = (await inject('GET', `/events/${event.id}`)).json();
    expect(detail.slots[0]).toMatchObject({ confirmedCount: 20, waitlistCount: 80 });

    // A cancellation promotes the first in line, who is mailed.
    const first = await t.database.db
      .selectFrom('eventSlotRegistrations as sr')
      .innerJoin('eventRegistrations as r', 'r.id', 'sr.registrationId')
      .select(['r.id', 'r.userId', 'r.guestEmail', 'sr.position'])
      .where('sr.slotId', '=', slot.id)
      .where('sr.status', '=', 'waitlisted')
      .orderBy('sr.position')
      .executeTakeFirstOrThrow();
    const holder = await t.database.db
      .selectFrom('eventSlotRegistrations as sr')
      .innerJoin('eventRegistrations as r', 'r.id', 'sr.registrationId')
      .select(['r.id', 'r.userId'])
      .where('sr.slotId', '=', slot.id)
      .where('sr.status', '=', 'confirmed')
      .where('r.userId', 'is not', null)
      .executeTakeFirstOrThrow();
    const holderUser = people.find((person) => person.id === holder.userId) as TestUser;
    expect((await inject('DELETE', `/registrations/${holder.id}`, holderUser)).statusCode).toBe(204);
    const promoted = await t.database.db
      .selectFrom('eventSlotRegistrations')
      .select('status')
      .where('registrationId', '=', first.id)
      .executeTakeFirstOrThrow();
    expect(promoted.status).toBe('confirmed');
    expect((await inject('GET', `/events/${event.id}`)).json().slots[0]).toMatchObject({
      confirmedCount: 20,
      waitlistCount: 79,
    });
    await t.runJobs();
    const address =
      first.guestEmail ??
      (
        await t.database.db
          .selectFrom('users')
          .select('email')
          .where('id', '=', first.userId as string)
          .executeTakeFirstOrThrow()
      ).email;
    const mail = t.lastMailTo(address);
    expect(mail.subject).toContain('Atelier très demandé');
  });

  it('holds a guest’s place only once confirmed from the mailed link; wrong or reused links change nothing', async () => {
    const event = await createEvent({
      title: 'Petit comité',
      capacity: 1,
      startsAt: at(22, 9),
      endsAt: at(22, 12),
    });
    const email = `julie.${dialect}@example.org`;
    const created = await inject('POST', `/events/${event.id}/registrations`, undefined, {
      name: 'Julie',
      email,
    });
    expect(created.json().status).toBe('unconfirmed');
    // Unconfirmed, it holds no place: a member takes the only one.
    const bernard = await inject('POST', `/events/${event.id}/registrations`, member, {});
    expect(bernard.json().status).toBe('confirmed');
    await t.runJobs();
    const mail = t.lastMailTo(email);
    expect(mail.subject).toContain('Petit comité');
    // The mail never carries the name typed with the address.
    expect(mail.text).not.toContain('Julie');
    const token = linkTokenIn(mail.text ?? '');
    const wrong = await inject('POST', `/registration-links/${token.slice(0, -2)}xx/confirm`);
    expect(wrong.statusCode).toBe(404);
    const confirmed = await inject('POST', `/registration-links/${token}/confirm`);
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    expect(confirmed.json()).toMatchObject({ status: 'waitlisted', waitlistPosition: 1, confirmable: false });
    const reused = await inject('POST', `/registration-links/${token}/confirm`);
    expect(reused.statusCode).toBe(409);
    const after = (await inject('GET', `/events/${event.id}`, animator)).json();
    expect(after).toMatchObject({ confirmedCount: 1, waitlistCount: 1 });

    // Bernard cancels: Julie is promoted and mailed with her link.
    expect((await inject('DELETE', `/registrations/${bernard.json().id}`, member)).statusCode).toBe(204);
    expect((await inject('GET', `/registration-links/${token}`)).json()).toMatchObject({
      status: 'confirmed',
    });
    await t.runJobs();
    const promotion = t.lastMailTo(email);
    expect(promotion.subject).toContain('Petit comité');
    expect(linkTokenIn(promotion.text ?? '')).toBe(token);
    const ics = await inject('GET', `/registration-links/${token}/calendar.ics`);
    expect(ics.body).toContain('BEGIN:VEVENT');
    // Cancelling from the link.
    const cancelled = await inject('POST', `/registration-links/${token}/cancel`);
    expect(cancelled.json().status).toBe('cancelled');
    expect((await inject('POST', `/registration-links/${token}/confirm`)).statusCode).toBe(409);
  });

  it('erases unconfirmed guests after 48 hours, and reminds those with a place the day before', async () => {
    const event = await createEvent({ title: 'Demain', startsAt: at(25, 9), endsAt: at(25, 12) });
    const created = await inject('POST', `/events/${event.id}/registrations`, undefined, {
      name: 'Lent',
      email: `lent.${dialect}@example.org`,
    });
    await inject('POST', `/events/${event.id}/registrations`, member, {});
    // Move the event's creation back so that it was planned ahead; the tick runs "the day before".
    await t.database.db
      .updateTable('events')
      .set({ createdAt: new Date(Date.parse(at(1, 9))).toISOString() })
      .where('id', '=', event.id)
      .execute();
    const dayBefore = new Date(Date.parse(at(24, 12)));
    await eventsTick(t.database.db, dayBefore);
    const gone = await t.database.db
      .selectFrom('eventRegistrations')
      .select('id')
      .where('id', '=', created.json().id)
      .executeTakeFirst();
    expect(gone).toBeUndefined();
    await eventsTick(t.database.db, dayBefore);
    const jobs = await t.database.db
      .selectFrom('jobs')
      .select('key')
      .where('kind', '=', 'mail.event-reminder')
      .execute();
    expect(jobs.filter((job) => job.key?.startsWith('event-reminder:'))).toHaveLength(1);
  });

  it('gives organisers the list, a CSV without formulas, and attendance', async () => {
    const event = await createEvent({ title: 'Liste', startsAt: at(26, 9), endsAt: at(26, 12) });
    const registration = await inject('POST', `/events/${event.id}/registrations`, member, {});
    expect((await inject('GET', `/events/${event.id}/registrations`, member)).statusCode).toBe(403);
    expect((await inject('GET', `/events/${event.id}/registrations.csv`, member)).statusCode).toBe(403);
    expect(
      (
        await inject('PUT', `/registrations/${registration.json().id}/attendance`, member, {
          attendance: 'present',
        })
      ).statusCode,
    ).toBe(403);
    expect(
      (
        await inject('PUT', `/registrations/${registration.json().id}/attendance`, animator, {
          attendance: 'present',
        })
      ).statusCode,
    ).toBe(204);
    await inject('POST', `/events/${event.id}/registrations`, undefined, {
      name: '=HYPERLINK("x")',
      email: `formule.${dialect}@example.org`,
    });
    const csv = await inject('GET', `/events/${event.id}/registrations.csv?separator=semicolon`, animator);
    expect(csv.statusCode).toBe(200);
    expect(csv.body).toContain('Bernard');
    expect(csv.body).toContain('présent·e');
    expect(csv.body).not.toMatch(/;=HYPERLINK/);
  });

  it('promotes the waitlist when the capacity grows, and when a member leaves the community', async () => {
    const event = await createEvent({
      title: 'Réunion interne',
      visibility: 'community',
      capacity: 1,
      startsAt: at(27, 9),
      endsAt: at(27, 12),
    });
    const leaver = await registerUser(t.app, 'Partante');
    await joinCommunity(t.app, leaver, slug);
    const late = await registerUser(t.app, 'Tardive');
    await joinCommunity(t.app, late, slug);
    const first = await inject('POST', `/events/${event.id}/registrations`, leaver, {});
    const second = await inject('POST', `/events/${event.id}/registrations`, member, {});
    const third = await inject('POST', `/events/${event.id}/registrations`, late, {});
    expect([first, second, third].map((r) => r.json().status)).toEqual([
      'confirmed',
      'waitlisted',
      'waitlisted',
    ]);
    expect(third.json().waitlistPosition).toBe(2);
    // Registering again changes nothing (200, same registration).
    const again = await inject('POST', `/events/${event.id}/registrations`, member, {});
    expect(again.statusCode).toBe(200);
    expect(again.json().id).toBe(second.json().id);

    const left = await inject('DELETE', `/communities/${slug}/members/me`, leaver);
    expect(left.statusCode, left.body).toBeLessThan(300);
    const now = (await inject('GET', `/events/${event.id}`, member)).json();
    expect(now.myRegistration).toMatchObject({ status: 'confirmed' });
    expect(now).toMatchObject({ confirmedCount: 1, waitlistCount: 1 });

    const grown = await inject('PATCH', `/events/${event.id}`, animator, { capacity: 5 });
    expect(grown.statusCode, grown.body).toBe(200);
    expect(grown.json()).toMatchObject({ confirmedCount: 2, waitlistCount: 0 });
  });

  it('lets guests and outsiders go when a public event becomes a community one', async () => {
    const event = await createEvent({
      title: 'Ouvert puis interne',
      capacity: 1,
      startsAt: at(28, 9),
      endsAt: at(28, 12),
    });
    const stranger = await registerUser(t.app, 'Étrangère');
    const email = `ouvert.${dialect}@example.org`;
    await inject('POST', `/events/${event.id}/registrations`, undefined, { name: 'Invitée', email });
    await t.runJobs();
    const token = linkTokenIn(t.lastMailTo(email).text ?? '');
    expect((await inject('GET', `/registration-links/${token}`)).json().name).toBe('');
    const outsiderPlace = await inject('POST', `/events/${event.id}/registrations`, stranger, {});
    expect(outsiderPlace.json().status).toBe('confirmed');
    const waiting = await inject('POST', `/events/${event.id}/registrations`, member, {});
    expect(waiting.json().status).toBe('waitlisted');

    const narrowed = await inject('PATCH', `/events/${event.id}`, animator, { visibility: 'community' });
    expect(narrowed.statusCode, narrowed.body).toBe(200);
    // The outsider's place went to the member; the guest's link confirms nothing any more.
    expect((await inject('GET', `/events/${event.id}`, member)).json().myRegistration.status).toBe(
      'confirmed',
    );
    expect((await inject('POST', `/registration-links/${token}/confirm`)).statusCode).toBe(409);
    const feed = (await inject('GET', '/me/calendar-feed', stranger)).json().url as string;
    expect((await t.app.inject({ url: new URL(feed).pathname })).body).not.toContain('Ouvert puis interne');
  });

  it('refuses slot changes on a cancelled event, and a slot with registrations becoming a break', async () => {
    const event = await createEvent({ title: 'Annulable', startsAt: at(29, 9), endsAt: at(29, 12) });
    const a = await addSlot(event.id, { title: 'A', startsAt: at(29, 9), endsAt: at(29, 10) });
    const b = await addSlot(event.id, { title: 'B', startsAt: at(29, 10), endsAt: at(29, 11) });
    const mine = (
      await inject('POST', `/events/${event.id}/registrations`, member, { slotIds: [a.id] })
    ).json();
    const toBreak = await inject('PATCH', `/events/${event.id}/slots/${a.id}`, animator, { kind: 'break' });
    expect(toBreak.statusCode).toBe(409);
    expect((await inject('PATCH', `/events/${event.id}`, animator, { cancelled: true })).statusCode).toBe(
      200,
    );
    const change = await inject('PUT', `/registrations/${mine.id}/slots`, member, { slotIds: [a.id, b.id] });
    expect(change.statusCode).toBe(409);
    expect(
      (await inject('PATCH', `/events/${event.id}`, animator, { timeZone: 'europe/paris' })).json().timeZone,
    ).toBe('Europe/Paris');
  });

  it('nests events without cycles, and refuses a forum ouvert on a cancelled event', async () => {
    const outer = await createEvent({
      title: 'Mois de l’innovation',
      startsAt: at(2, 9),
      endsAt: at(30, 18),
    });
    const inner = await createEvent({
      title: 'Dans le mois',
      startsAt: at(3, 9),
      endsAt: at(3, 12),
      parentId: outer.id,
    });
    const cycle = await inject('PATCH', `/events/${outer.id}`, animator, { parentId: inner.id });
    expect(cycle.statusCode).toBe(400);
    expect((await inject('PATCH', `/events/${outer.id}`, animator, { parentId: outer.id })).statusCode).toBe(
      400,
    );
    expect(
      (await inject('GET', `/events/${outer.id}`)).json().children.map((c: { id: string }) => c.id),
    ).toEqual([inner.id]);
    await inject('PATCH', `/events/${inner.id}`, animator, { cancelled: true });
    const forum = await inject('POST', `/events/${inner.id}/open-space`, animator, {
      rooms: ['Salle'],
      slots: [{ startsAt: at(3, 10), endsAt: at(3, 11) }],
    });
    expect(forum.statusCode).toBe(409);
  });
});
