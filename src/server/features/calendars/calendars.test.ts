import type { AddressInfo } from 'node:net';
import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { sessionCalendar } from '../../calendar/session-calendar.ts';
import {
  addToCircle,
  buildCircle,
  buildCommunity,
  buildSession,
  createTestApp,
  joinCommunity,
  registerUser,
  TEST_ORIGIN,
  type TestApp,
  type TestUser,
} from '../../testing/test-app.ts';
import { testDialects } from '../../testing/test-database.ts';
import { patchSession } from '../sessions/sessions.public.ts';
import { ensureFeedToken } from './calendar-feeds.ts';

/** Parses with ical.js, registering the file's own VTIMEZONEs (the service knows only UTC). */
function parseCalendar(ics: string) {
  const calendar = new ICAL.Component(ICAL.parse(ics));
  for (const zone of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(zone);
  const events = calendar.getAllSubcomponents('vevent').map((component) => new ICAL.Event(component));
  return { calendar, events };
}

function only<T>(items: T[]): T {
  expect(items).toHaveLength(1);
  const [item] = items;
  if (item === undefined) throw new Error('no item');
  return item;
}

const text = (event: ICAL.Event, name: string) => String(event.component.getFirstPropertyValue(name) ?? '');

describe.each(testDialects())('calendars on %s', (dialect) => {
  let t: TestApp;
  let facilitator: TestUser;
  let member: TestUser;
  let outsider: TestUser;
  let communitySlug: string;
  let privateCircleId: string;
  let publicCircleId: string;

  const as = (user?: TestUser) => (user ? { cookie: user.cookie } : {});
  const get = (url: string, user?: TestUser) => t.app.inject({ url, headers: as(user) });
  const sessionIcs = (id: string, user?: TestUser) => get(`/api/v1/sessions/${id}/calendar.ics`, user);
  const patch = (id: string, payload: object) =>
    t.app.inject({ method: 'PATCH', url: `/api/v1/sessions/${id}`, headers: as(facilitator), payload });
  const feedUrl = async (user: TestUser) => {
    const response = await get('/api/v1/me/calendar-feed', user);
    expect(response.statusCode).toBe(200);
    return response.json().url as string;
  };
  const feedPath = (url: string) => url.slice(TEST_ORIGIN.length);

  beforeAll(async () => {
    t = await createTestApp(dialect);
    facilitator = await registerUser(t.app, 'Florent');
    member = await registerUser(t.app, 'Bernard');
    outsider = await registerUser(t.app, 'Odile');
    const community = await buildCommunity(t.app, facilitator);
    communitySlug = community.slug;
    await joinCommunity(t.app, member, communitySlug);
    await joinCommunity(t.app, outsider, communitySlug);
    privateCircleId = (await buildCircle(t.app, facilitator, communitySlug, { visibility: 'private' })).id;
    await addToCircle(t.app, facilitator, privateCircleId, member);
    publicCircleId = (await buildCircle(t.app, facilitator, communitySlug, { visibility: 'public' })).id;
  });
  afterAll(() => t.close());

  it('writes an RFC 5545 event: zone, UID, stamps, link, visio, and nobody’s name', async () => {
    const { id } = await buildSession(t.app, facilitator, privateCircleId, {
      title: 'Codev : le cas de Claire',
      startsAt: '2026-12-03T11:00:00Z',
      endsAt: '2026-12-03T12:30:00Z',
      place: 'Salle 204, Hôtel de région',
      description:
        'Apportez vos questions, une ligne qui dépasse largement les soixante-quinze octets permis.',
      videoUrl: 'https://visio.example.org/riposte-codev',
    });
    await t.app.inject({
      method: 'PUT',
      url: `/api/v1/sessions/${id}/participants/me`,
      headers: as(member),
      payload: { status: 'confirmed' },
    });
    const response = await sessionIcs(id, member);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/calendar; charset=utf-8');
    expect(response.headers['content-disposition']).toBe('attachment; filename="seance-2026-12-03.ics"');
    const ics = response.body;
    // CRLF line ends, lines folded at 75 octets.
    expect(ics.replaceAll('\r\n', '')).not.toMatch(/[\r\n]/);
    expect(ics.endsWith('END:VCALENDAR\r\n')).toBe(true);
    for (const line of ics.split('\r\n')) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
    expect(ics).not.toMatch(/^(ATTENDEE|ORGANIZER)/m);
    expect(ics).not.toContain('Bernard');

    const { calendar, events } = parseCalendar(ics);
    expect(calendar.getFirstPropertyValue('prodid')).toBe('-//Archipel//Archipel//FR');
    expect(calendar.getFirstPropertyValue('version')).toBe('2.0');
    expect(calendar.getFirstSubcomponent('vtimezone')?.getFirstPropertyValue('tzid')).toBe('Europe/Paris');
    // Paris keeps the short rule-based block Outlook reads best.
    const summer = calendar.getFirstSubcomponent('vtimezone')?.getFirstSubcomponent('daylight');
    expect(String(summer?.getFirstProperty('rrule')?.toICALString())).toBe(
      'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
    );
    const event = only(events);
    expect(event.uid).toBe(`session-${id}@archipel.test`);
    expect(event.sequence).toBe(0);
    expect(event.summary).toBe('Codev : le cas de Claire');
    expect(event.startDate.zone?.tzid).toBe('Europe/Paris');
    expect(event.startDate.toString()).toBe('2026-12-03T12:00:00');
    expect(event.startDate.toJSDate().toISOString()).toBe('2026-12-03T11:00:00.000Z');
    expect(event.endDate.toJSDate().toISOString()).toBe('2026-12-03T12:30:00.000Z');
    expect(event.component.getFirstPropertyValue('dtstamp')).toBeTruthy();
    expect(event.component.getFirstPropertyValue('last-modified')).toBeTruthy();
    expect(text(event, 'status')).toBe('CONFIRMED');
    expect(text(event, 'url')).toBe(`${TEST_ORIGIN}/sessions/${id}`);
    expect(event.location).toBe('Salle 204, Hôtel de région · https://visio.example.org/riposte-codev');
    expect(event.description).toContain('https://visio.example.org/riposte-codev');
    expect(event.description).toContain('Apportez vos questions');
    expect(event.attendees).toHaveLength(0);
    expect(event.organizer).toBeFalsy();

    // The helper the invitation mails attach gives the same event.
    const attached = parseCalendar(await sessionCalendar(t.database.db, id, { publicUrl: TEST_ORIGIN }));
    expect(only(attached.events).uid).toBe(event.uid);
  });

  it('writes odd titles and places as valid text: escaped name, no control characters', async () => {
    const title = 'Codev, séance\nde décembre; \\ bis\u0007\u001b';
    const { id } = await buildSession(t.app, facilitator, publicCircleId, {
      title,
      place: 'Salle 2,\tbâtiment B; étage\u000b 3',
    });
    const ics = (await sessionIcs(id)).body;
    expect(ics.replaceAll('\r\n', '')).not.toMatch(/[\r\n]/);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: the control characters are what is looked for
    expect(ics).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/);
    const event = only(parseCalendar(ics).events);
    expect(event.summary).toBe('Codev, séance\nde décembre; \\ bis');
    expect(event.location).toBe('Salle 2,\tbâtiment B; étage 3');
    // The calendar's name is TEXT too (RFC 7986 NAME; X- properties default to TEXT).
    const unfolded = ics.replaceAll('\r\n ', '').split('\r\n');
    for (const name of ['NAME', 'X-WR-CALNAME']) {
      expect(unfolded).toContain(`${name}:Codev\\, séance\\nde décembre\\; \\\\ bis`);
    }
  });

  it('writes the English labels without touching French typography in what people wrote', async () => {
    const reader = await registerUser(t.app, 'Jane');
    const locale = await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/me',
      headers: as(reader),
      payload: { locale: 'en' },
    });
    expect(locale.statusCode).toBe(200);
    const { id } = await buildSession(t.app, facilitator, publicCircleId, {
      title: 'Codev : le cas de Claire',
      description: 'Ordre du jour : météo, puis le cas.',
    });
    const event = only(parseCalendar((await sessionIcs(id, reader)).body).events);
    expect(event.summary).toBe('Codev : le cas de Claire');
    expect(event.description).toContain('Ordre du jour : météo, puis le cas.');
    expect(event.description).toContain('Circle: ');
    expect(event.description).toContain(`The session on Archipel: ${TEST_ORIGIN}/sessions/${id}`);
  });

  it('keeps the UID and raises SEQUENCE only when what a calendar shows changes', async () => {
    const { id } = await buildSession(t.app, facilitator, publicCircleId);
    const read = async () => only(parseCalendar((await sessionIcs(id)).body).events);
    const first = await read();
    expect(first.sequence).toBe(0);

    expect((await patch(id, { synthesis: 'Rien de visible dans un agenda' })).statusCode).toBe(200);
    expect((await read()).sequence).toBe(0);
    // Sending the same values again changes nothing either.
    expect((await patch(id, { title: first.summary })).statusCode).toBe(200);
    expect((await read()).sequence).toBe(0);

    expect((await patch(id, { startsAt: '2026-12-03T10:00:00Z' })).statusCode).toBe(200);
    const moved = await read();
    expect(moved.uid).toBe(first.uid);
    expect(moved.sequence).toBe(1);
    expect(moved.startDate.toJSDate().toISOString()).toBe('2026-12-03T10:00:00.000Z');

    expect((await patch(id, { videoUrl: 'https://visio.example.org/new' })).statusCode).toBe(200);
    const withVisio = await read();
    expect(withVisio.sequence).toBe(2);
    expect(withVisio.location).toBe('https://visio.example.org/new');
    expect(withVisio.description).toContain('https://visio.example.org/new');
    expect((await patch(id, { place: 'Salle 3', title: 'Nouveau titre' })).statusCode).toBe(200);
    expect((await read()).sequence).toBe(3);
  });

  it('applies an edit to the stored session, not to the copy read before a concurrent edit', async () => {
    const { id } = await buildSession(t.app, facilitator, publicCircleId, {
      startsAt: '2026-12-10T09:00:00.000Z',
      endsAt: '2026-12-10T11:00:00.000Z',
    });
    const row = () =>
      t.database.db.selectFrom('sessions').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    // Facilitator B loaded the session, then facilitator A moved it before B saved a new place.
    const seenByB = await row();
    expect((await patch(id, { startsAt: '2026-12-10T08:00:00Z' })).statusCode).toBe(200);
    await patchSession(t.database.db, seenByB, { place: 'Salle 9' });
    const stored = await row();
    expect(new Date(stored.startsAt).toISOString()).toBe('2026-12-10T08:00:00.000Z');
    expect(stored.place).toBe('Salle 9');
    expect(stored.sequence).toBe(2);
    // B puts back the title A had replaced: calendars that saw A's title must see a new SEQUENCE.
    const beforeTitle = await row();
    expect((await patch(id, { title: 'Titre de A' })).statusCode).toBe(200);
    await patchSession(t.database.db, beforeTitle, { title: beforeTitle.title });
    const last = await row();
    expect(last.title).toBe(beforeTitle.title);
    expect(last.sequence).toBe(4);
  });

  it('raises SEQUENCE when the circle is renamed, since every event names its circle', async () => {
    const circle = await buildCircle(t.app, facilitator, communitySlug, { visibility: 'public' });
    const { id } = await buildSession(t.app, facilitator, circle.id);
    const read = async () => only(parseCalendar((await sessionIcs(id)).body).events);
    expect((await read()).sequence).toBe(0);
    const rename = (payload: object) =>
      t.app.inject({
        method: 'PATCH',
        url: `/api/v1/circles/${circle.id}`,
        headers: as(facilitator),
        payload,
      });
    expect((await rename({ name: 'Cercle des boussoles' })).statusCode).toBe(200);
    const renamed = await read();
    expect(renamed.description).toContain('Cercle des boussoles');
    expect(renamed.sequence).toBe(1);
    // Other circle edits do not show in calendars.
    expect((await rename({ name: 'Cercle des boussoles', description: 'Nouveau texte' })).statusCode).toBe(
      200,
    );
    expect((await read()).sequence).toBe(1);
  });

  it('refuses visio links that are not https', async () => {
    const created = await t.app.inject({
      method: 'POST',
      url: `/api/v1/circles/${publicCircleId}/sessions`,
      headers: as(facilitator),
      payload: {
        title: 'X',
        startsAt: '2026-12-03T11:00:00Z',
        endsAt: '2026-12-03T12:00:00Z',
        videoUrl: 'http://visio.example.org/x',
      },
    });
    expect(created.statusCode).toBe(400);
    expect(created.json().error.code).toBe('INVALID_INPUT');
    const { id } = await buildSession(t.app, facilitator, publicCircleId);
    expect((await patch(id, { videoUrl: 'javascript:alert(1)' })).statusCode).toBe(400);
    expect((await patch(id, { videoUrl: '' })).json().videoUrl).toBeNull();
  });

  it('cancels a session for facilitators only, once, and says CANCELLED with a higher SEQUENCE', async () => {
    const { id } = await buildSession(t.app, facilitator, privateCircleId);
    const cancel = (user: TestUser, payload: object = { reason: 'Reportée faute de participants' }) =>
      t.app.inject({ method: 'POST', url: `/api/v1/sessions/${id}/cancel`, headers: as(user), payload });
    expect((await cancel(member)).statusCode).toBe(403);
    expect((await cancel(outsider)).statusCode).toBe(404);
    expect((await cancel(facilitator, { reason: '  ' })).statusCode).toBe(400);
    const before = only(parseCalendar((await sessionIcs(id, member)).body).events);

    const done = await cancel(facilitator);
    expect(done.statusCode).toBe(200);
    expect(done.json()).toMatchObject({
      status: 'cancelled',
      cancelReason: 'Reportée faute de participants',
    });
    expect((await cancel(facilitator)).statusCode).toBe(409);
    const start = await t.app.inject({
      method: 'POST',
      url: `/api/v1/sessions/${id}/current-item`,
      headers: as(facilitator),
      payload: { itemId: null },
    });
    expect(start.statusCode).toBe(409);
    // Nobody answers, checks in to, or is invited to a cancelled session any more.
    for (const [user, method, url, payload] of [
      [member, 'PUT', 'participants/me', { status: 'confirmed' }],
      [member, 'PUT', 'checkins/me', { weather: 'sunny' }],
      [facilitator, 'POST', 'participants', { guestName: 'Invitée tardive' }],
    ] as const) {
      const write = await t.app.inject({
        method,
        url: `/api/v1/sessions/${id}/${url}`,
        headers: as(user),
        payload,
      });
      expect(write.statusCode, url).toBe(409);
    }

    const after = only(parseCalendar((await sessionIcs(id, member)).body).events);
    expect(after.uid).toBe(before.uid);
    expect(after.sequence).toBeGreaterThan(before.sequence);
    expect(text(after, 'status')).toBe('CANCELLED');
    expect(after.description).toContain('Reportée faute de participants');
    const list = (await get(`/api/v1/circles/${privateCircleId}/sessions`, member)).json().items;
    expect(list.find((s: { id: string }) => s.id === id)?.status).toBe('cancelled');
  });

  it('keeps a cancelled session from being started through an edit of its status', async () => {
    const { id } = await buildSession(t.app, facilitator, privateCircleId);
    await t.app.inject({
      method: 'POST',
      url: `/api/v1/sessions/${id}/cancel`,
      headers: as(facilitator),
      payload: { reason: 'Grève' },
    });
    for (const status of ['live', 'ended'] as const) {
      const response = await patch(id, { status });
      expect(response.statusCode, status).toBe(409);
      expect(response.json().error.code).toBe('CONFLICT');
    }
    const stored = await t.database.db
      .selectFrom('sessions')
      .select('status')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(stored.status).toBe('scheduled');
    // Its other fields can still be corrected.
    expect((await patch(id, { title: 'Séance annulée (grève)' })).statusCode).toBe(200);
  });

  it('names the downloaded file after the session’s day in its own time zone', async () => {
    const { id } = await buildSession(t.app, facilitator, publicCircleId, {
      startsAt: '2026-12-03T23:30:00.000Z',
      endsAt: '2026-12-04T01:00:00.000Z',
      timeZone: 'Europe/Paris',
    });
    expect((await sessionIcs(id)).headers['content-disposition']).toBe(
      'attachment; filename="seance-2026-12-04.ics"',
    );
  });

  it('refuses to cancel a session that has started or ended (409), leaving it as it was', async () => {
    const started = await buildSession(t.app, facilitator, privateCircleId);
    expect((await patch(started.id, { status: 'live' })).statusCode).toBe(200);
    const ended = await buildSession(t.app, facilitator, privateCircleId);
    expect((await patch(ended.id, { status: 'ended' })).statusCode).toBe(200);
    for (const { id } of [started, ended]) {
      const before = only(parseCalendar((await sessionIcs(id, member)).body).events);
      const response = await t.app.inject({
        method: 'POST',
        url: `/api/v1/sessions/${id}/cancel`,
        headers: as(facilitator),
        payload: { reason: 'Trop tard' },
      });
      expect(response.statusCode).toBe(409);
      expect(response.json().error.code).toBe('CONFLICT');
      const after = only(parseCalendar((await sessionIcs(id, member)).body).events);
      expect(after.sequence).toBe(before.sequence);
      expect(text(after, 'status')).toBe('CONFIRMED');
    }
  });

  it('tells the people following the session that it was cancelled', async () => {
    const { id } = await buildSession(t.app, facilitator, privateCircleId);
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = t.app.server.address() as AddressInfo;
    const socket = new WebSocket(`ws://127.0.0.1:${port}/api/v1/live`, {
      headers: { cookie: member.cookie, origin: TEST_ORIGIN },
    });
    const frames: { type: string; event?: { type: string; sessionId: string } }[] = [];
    socket.on('message', (data) => frames.push(JSON.parse(data.toString())));
    await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
    const waitFor = async (type: string) => {
      for (let tries = 0; tries < 300; tries++) {
        const frame = frames.find((f) => f.type === type || f.event?.type === type);
        if (frame) return frame;
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      throw new Error(`no ${type} in ${JSON.stringify(frames)}`);
    };
    socket.send(JSON.stringify({ type: 'subscribe', topic: `session:${id}` }));
    await waitFor('subscribed');
    await t.app.inject({
      method: 'POST',
      url: `/api/v1/sessions/${id}/cancel`,
      headers: as(facilitator),
      payload: { reason: 'Salle indisponible' },
    });
    expect((await waitFor('session.cancelled')).event).toEqual({ type: 'session.cancelled', sessionId: id });
    socket.close();
  });

  it('round-trips instants on both sides of the daylight-saving changes in Europe/Paris', async () => {
    const cases = [
      // Winter time (UTC+1) the day before the March change, summer time (UTC+2) two days later.
      {
        startsAt: '2026-03-28T09:00:00.000Z',
        endsAt: '2026-03-28T10:00:00.000Z',
        local: '2026-03-28T10:00:00',
      },
      {
        startsAt: '2026-03-30T08:00:00.000Z',
        endsAt: '2026-03-30T09:00:00.000Z',
        local: '2026-03-30T10:00:00',
      },
      // 01:30 summer time to 03:30 winter time across the night of 25 October: three real hours.
      {
        startsAt: '2026-10-24T23:30:00.000Z',
        endsAt: '2026-10-25T02:30:00.000Z',
        local: '2026-10-25T01:30:00',
      },
    ];
    for (const times of cases) {
      const { id } = await buildSession(t.app, facilitator, publicCircleId, {
        startsAt: times.startsAt,
        endsAt: times.endsAt,
        timeZone: 'Europe/Paris',
      });
      const event = only(parseCalendar((await sessionIcs(id)).body).events);
      expect(event.startDate.zone?.tzid).toBe('Europe/Paris');
      expect(event.startDate.toString()).toBe(times.local);
      expect(event.startDate.toJSDate().toISOString()).toBe(times.startsAt);
      expect(event.endDate.toJSDate().toISOString()).toBe(times.endsAt);
    }
  });

  it('gives every TZID its VTIMEZONE and the stored instant back, whatever the zone', async () => {
    const cases = [
      // A link name: what Chrome reports for India, and what the form then offers.
      { timeZone: 'Asia/Calcutta', startsAt: '2026-12-03T04:30:00.000Z' },
      { timeZone: 'US/Eastern', startsAt: '2026-07-01T14:00:00.000Z' },
      // Rules changed after 2018 (Mexico left summer time in 2022, Kazakhstan moved in 2024).
      { timeZone: 'America/Mexico_City', startsAt: '2026-07-01T16:00:00.000Z' },
      { timeZone: 'Asia/Almaty', startsAt: '2026-07-01T04:00:00.000Z' },
      // POSIX-style names, whose sign is the reverse of the offset.
      { timeZone: 'Etc/GMT+3', startsAt: '2026-12-03T12:00:00.000Z' },
      // Both passes of 02:30 on 25 October in Paris: RFC 5545 reads the local time as the first,
      // ical.js (Thunderbird) as the second.
      { timeZone: 'Europe/Paris', startsAt: '2026-10-25T00:30:00.000Z', hours: 3 },
      { timeZone: 'Europe/Paris', startsAt: '2026-10-25T01:30:00.000Z' },
    ];
    for (const { timeZone, startsAt, hours = 1 } of cases as {
      timeZone: string;
      startsAt: string;
      hours?: number;
    }[]) {
      const endsAt = new Date(Date.parse(startsAt) + hours * 3_600_000).toISOString();
      const { id } = await buildSession(t.app, facilitator, publicCircleId, { startsAt, endsAt, timeZone });
      const calendar = new ICAL.Component(ICAL.parse((await sessionIcs(id)).body));
      const zones = new Map(
        calendar
          .getAllSubcomponents('vtimezone')
          .map((zone) => [String(zone.getFirstPropertyValue('tzid')), new ICAL.Timezone(zone)]),
      );
      const event = only(calendar.getAllSubcomponents('vevent'));
      for (const [name, expected] of [
        ['dtstart', startsAt],
        ['dtend', endsAt],
      ] as const) {
        const property = event.getFirstProperty(name);
        const tzid = property?.getParameter('tzid');
        const time = property?.getFirstValue() as ICAL.Time;
        if (tzid) {
          expect(zones.has(String(tzid)), `${timeZone}: VTIMEZONE for ${tzid}`).toBe(true);
          time.zone = zones.get(String(tzid)) as ICAL.Timezone;
        }
        expect(time.toJSDate().toISOString(), `${timeZone} ${name}`).toBe(expected);
      }
    }
  });

  it('shows no private session to a non-member: 404 for the .ics, absent from their feed', async () => {
    const { id } = await buildSession(t.app, facilitator, privateCircleId, { title: 'Secret' });
    expect((await sessionIcs(id, outsider)).statusCode).toBe(404);
    expect((await sessionIcs(id)).statusCode).toBe(404);
    expect((await sessionIcs('no-such-session', member)).statusCode).toBe(404);
    const feed = await get(feedPath(await feedUrl(outsider)));
    expect(feed.statusCode).toBe(200);
    expect(feed.body).not.toContain(id);
    expect(feed.body).not.toContain('Secret');
  });

  it('serves my feed without a cookie: my circles’ sessions, private and cancelled included', async () => {
    const url = await feedUrl(member);
    expect(url).toMatch(/^http:\/\/archipel\.test\/api\/v1\/calendar-feeds\/[A-Za-z0-9_-]{43}\.ics$/);
    expect(await feedUrl(member)).toBe(url);
    expect((await get('/api/v1/me/calendar-feed')).statusCode).toBe(401);

    const now = Date.now();
    const iso = (days: number) => new Date(now + days * 86_400_000).toISOString();
    const upcoming = await buildSession(t.app, facilitator, privateCircleId, {
      startsAt: iso(30),
      endsAt: iso(30.1),
    });
    const recent = await buildSession(t.app, facilitator, privateCircleId, {
      startsAt: iso(-60),
      endsAt: iso(-59.9),
    });
    const old = await buildSession(t.app, facilitator, privateCircleId, {
      startsAt: iso(-120),
      endsAt: iso(-119.9),
    });
    const cancelled = await buildSession(t.app, facilitator, privateCircleId, {
      startsAt: iso(10),
      endsAt: iso(10.1),
    });
    await t.app.inject({
      method: 'POST',
      url: `/api/v1/sessions/${cancelled.id}/cancel`,
      headers: as(facilitator),
      payload: { reason: 'Grève' },
    });
    // A circle where the member is only waitlisted shows nothing.
    const full = await buildCircle(t.app, facilitator, communitySlug, { visibility: 'public', capacity: 1 });
    await addToCircle(t.app, facilitator, full.id, outsider);
    const waitlisted = await t.app.inject({
      method: 'POST',
      url: `/api/v1/circles/${full.id}/members`,
      headers: as(member),
    });
    expect(waitlisted.json().status).toBe('waitlisted');
    const notMine = await buildSession(t.app, facilitator, full.id, { startsAt: iso(5), endsAt: iso(5.1) });

    const response = await get(feedPath(url));
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/calendar; charset=utf-8');
    expect(response.headers['cache-control']).toContain('private');
    const { calendar, events } = parseCalendar(response.body);
    expect(calendar.getFirstPropertyValue('x-wr-calname')).toBe('Archipel · mes séances');
    const uids = events.map((event) => event.uid);
    const uid = (sessionId: string) => `session-${sessionId}@archipel.test`;
    expect(uids).toContain(uid(upcoming.id));
    expect(uids).toContain(uid(recent.id));
    expect(uids).not.toContain(uid(old.id));
    expect(uids).not.toContain(uid(notMine.id));
    const called = events.find((event) => event.uid === uid(cancelled.id));
    expect(called && text(called, 'status')).toBe('CANCELLED');
    expect(response.body).not.toMatch(/^(ATTENDEE|ORGANIZER)/m);
  });

  it('drops a private circle’s sessions from the feed of people removed, gone or only asking', async () => {
    const circle = await buildCircle(t.app, facilitator, communitySlug, { visibility: 'private' });
    const { id } = await buildSession(t.app, facilitator, circle.id, {
      startsAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
      endsAt: new Date(Date.now() + 7.1 * 86_400_000).toISOString(),
    });
    const uid = `session-${id}@archipel.test`;
    const inFeed = async (user: TestUser) => (await get(feedPath(await feedUrl(user)))).body.includes(uid);
    const removed = await registerUser(t.app, 'Rémi');
    const leaver = await registerUser(t.app, 'Laure');
    for (const user of [removed, leaver]) {
      await joinCommunity(t.app, user, communitySlug);
      await addToCircle(t.app, facilitator, circle.id, user);
      expect(await inFeed(user)).toBe(true);
    }
    const removal = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/circles/${circle.id}/members/${removed.id}`,
      headers: as(facilitator),
    });
    expect(removal.statusCode).toBe(204);
    const leaving = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/communities/${communitySlug}/members/${leaver.id}`,
      headers: as(leaver),
    });
    expect(leaving.statusCode).toBe(204);
    for (const user of [removed, leaver]) {
      expect(await inFeed(user)).toBe(false);
      expect((await sessionIcs(id, user)).statusCode).toBe(404);
    }

    // Asking to join a circle that takes requests shows nothing of it in the feed.
    const asking = await registerUser(t.app, 'Aïcha');
    await joinCommunity(t.app, asking, communitySlug);
    const byRequest = await buildCircle(t.app, facilitator, communitySlug, {
      visibility: 'community',
      joinPolicy: 'request',
    });
    const requested = await t.app.inject({
      method: 'POST',
      url: `/api/v1/circles/${byRequest.id}/members`,
      headers: as(asking),
    });
    expect(requested.json().status).toBe('requested');
    const other = await buildSession(t.app, facilitator, byRequest.id, {
      startsAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
      endsAt: new Date(Date.now() + 7.1 * 86_400_000).toISOString(),
    });
    expect((await get(feedPath(await feedUrl(asking)))).body).not.toContain(`session-${other.id}@`);
  });

  it('rotates and revokes the feed link: the old one answers 404 at once', async () => {
    const first = await feedUrl(facilitator);
    expect((await get(feedPath(first))).statusCode).toBe(200);
    const rotated = await t.app.inject({
      method: 'POST',
      url: '/api/v1/me/calendar-feed/rotate',
      headers: as(facilitator),
    });
    expect(rotated.statusCode).toBe(200);
    const second = rotated.json().url as string;
    expect(second).not.toBe(first);
    expect((await get(feedPath(first))).statusCode).toBe(404);
    expect((await get(feedPath(second))).statusCode).toBe(200);
    expect(await feedUrl(facilitator)).toBe(second);

    const revoked = await t.app.inject({
      method: 'DELETE',
      url: '/api/v1/me/calendar-feed',
      headers: as(facilitator),
    });
    expect(revoked.statusCode).toBe(204);
    expect((await get(feedPath(second))).statusCode).toBe(404);
  });

  it('shows a working feed link after the instance secret changed', async () => {
    const user = await registerUser(t.app, 'Suzanne');
    // A link made under the instance's previous secret (AUTH_SECRET changed since).
    const old = await ensureFeedToken(t.database.db, 'the-previous-secret-the-previous-secret', user.id);
    const url = await feedUrl(user);
    expect(url).not.toContain(old);
    expect((await get(feedPath(url))).statusCode).toBe(200);
    expect((await get(`/api/v1/calendar-feeds/${old}.ics`)).statusCode).toBe(404);
  });

  it('answers 404, never 500, to malformed or unknown feed tokens', async () => {
    for (const token of ['abc', 'x'.repeat(43), 'x'.repeat(90), '..%2F..%2Fetc', `${'A'.repeat(42)}%C3%A9`]) {
      const response = await get(`/api/v1/calendar-feeds/${token}.ics`);
      expect(response.statusCode).toBe(404);
      expect(response.json().error.code).toBe('NOT_FOUND');
    }
    // Past the router's parameter length: refused before any route runs, still a clear 4xx.
    const overlong = await get(`/api/v1/calendar-feeds/${'x'.repeat(200)}.ics`);
    expect(overlong.statusCode).toBe(414);
    expect(overlong.json().error.code).toBe('INVALID_INPUT');
    expect((await get('/api/v1/calendar-feeds/nothing')).statusCode).toBe(404);
  });

  it('publishes a public circle’s feed and nothing of other circles', async () => {
    const { id } = await buildSession(t.app, facilitator, publicCircleId, { title: 'Ouverte à tous' });
    const response = await get(`/api/v1/circles/${publicCircleId}/calendar.ics`);
    expect(response.statusCode).toBe(200);
    const { calendar, events } = parseCalendar(response.body);
    expect(String(calendar.getFirstPropertyValue('x-wr-calname'))).toContain('Archipel');
    expect(events.map((event) => event.uid)).toContain(`session-${id}@archipel.test`);

    const community = await buildCircle(t.app, facilitator, communitySlug, { visibility: 'community' });
    for (const circleId of [privateCircleId, community.id, 'no-such-circle']) {
      expect((await get(`/api/v1/circles/${circleId}/calendar.ics`, member)).statusCode).toBe(404);
    }
  });
});
