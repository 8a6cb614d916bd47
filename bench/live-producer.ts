/**
 * What the live benchmark's producers do, through the real HTTP API. Swappable: a producer sets up
 * what it writes into (as the account `owner`), names the topic the participants follow, and makes
 * one event per call to `produce`. Each delivered event is matched to the request that caused it by
 * a key: `produce` returns it (e.g. an id from the response) and `keyOf` reads it from the event.
 * Without keys, the k-th event of the topic is matched to the k-th request sent (exact only if
 * requests commit in the order they were sent).
 */
import type { Board } from '../src/contract/board.ts';
import { BoardFollower } from '../src/contract/board-follower.ts';
import type { LiveEvent } from '../src/contract/live.ts';
import type { Session } from '../src/contract/session.ts';
import { SessionFollower } from '../src/contract/session-follower.ts';

/** JSON request as `cookie`; throws on a status ≥ 300. */
export type Http = (cookie: string, method: string, path: string, body?: object) => Promise<unknown>;

export interface Production {
  topic: string;
  /** Makes the i-th event (i from 0); resolves, when the server answered, with its key. */
  produce(i: number): Promise<string | undefined>;
  /** The key of the production that caused this event (see `produce`). */
  keyOf?(event: LiveEvent): string | undefined;
  /** Lets a participant in (e.g. joins the circle) before they subscribe. */
  admit?(cookie: string): Promise<void>;
  /**
   * What a participant's screen holds, kept as the web client keeps it (its own code): the page
   * read, the follower that applies events to it, and which productions a copy shows.
   */
  screen?: Screen;
}

/** The part of the web client that keeps one page's copy in step (e.g. `BoardFollower`). */
export interface Follower {
  onEvent(event: LiveEvent): void;
  onResync(): void;
  load(read: () => Promise<unknown>): Promise<unknown>;
  stop(): void;
}

export interface Screen {
  /** The API path the page reads. */
  path: string;
  follower(store: { get(): unknown; set(copy: unknown): void; refetch(): void }): Follower;
  /** The keys of the productions this copy shows (as `produce` and `keyOf` name them). */
  keysOf(copy: unknown): string[];
}

export interface Producer {
  name: string;
  setup(http: Http, owner: string): Promise<Production>;
}

/**
 * A session in the room: the facilitator moves through the agenda (even productions, keyed by the
 * item's start instant) while members check in (odd ones: the météo round, each answer's word
 * unique, keyed `checkin:<word>`). Participants follow `session:<id>` of a public circle.
 */
export const sessionAgendaProducer: Producer = {
  name: 'POST /api/v1/sessions/{id}/current-item and PUT /api/v1/sessions/{id}/checkins/me (session:<id>)',
  async setup(http, owner) {
    const { slug, circleId } = await benchCircle(http, owner);
    const session = (await http(owner, 'POST', `/api/v1/circles/${circleId}/sessions`, {
      title: 'Événement communautaire',
      startsAt: '2026-12-01T09:00:00Z',
      endsAt: '2026-12-01T18:00:00Z',
    })) as { id: string };
    const agenda = (await http(owner, 'POST', `/api/v1/sessions/${session.id}/agenda/template`, {
      template: 'plain',
    })) as { items: { id: string }[] };
    const items = agenda.items.map((item) => item.id);
    const itemOf = (i: number) => items[(i / 2) % items.length] ?? '';
    const voters = await benchVoters(http, slug, circleId);
    const weathers = ['sunny', 'cloudy', 'rainy', 'stormy'];
    return {
      topic: `session:${session.id}`,
      screen: {
        path: `/api/v1/sessions/${session.id}`,
        follower: (store) =>
          new SessionFollower(store as ConstructorParameters<typeof SessionFollower>[0]) as Follower,
        keysOf: (copy) => {
          const { currentItemStartedAt, checkins } = copy as Session;
          return [
            ...(currentItemStartedAt ? [currentItemStartedAt] : []),
            ...checkins.map((answer) => `checkin:${answer.word}`),
          ];
        },
      },
      produce: async (i) => {
        if (i % 2 === 0) {
          // Each move stamps the item's start: the response and the event carry the same instant.
          const moved = (await http(owner, 'POST', `/api/v1/sessions/${session.id}/current-item`, {
            itemId: itemOf(i),
          })) as { currentItemStartedAt: string };
          return moved.currentItemStartedAt;
        }
        const voter = voters[((i - 1) / 2) % voters.length] ?? owner;
        await http(voter, 'PUT', `/api/v1/sessions/${session.id}/checkins/me`, {
          weather: weathers[i % weathers.length],
          word: `m${i}`,
        });
        return `checkin:m${i}`;
      },
      keyOf: (event) =>
        event.type === 'agenda.item.started'
          ? (event.startedAt ?? undefined)
          : event.type === 'checkin.updated'
            ? `checkin:${event.checkin.word}`
            : undefined,
    };
  },
};

/** Eight members of the circle who write (vote, check in) while the room watches. */
async function benchVoters(http: Http, slug: string, circleId: string): Promise<string[]> {
  const voters: string[] = [];
  for (let v = 0; v < 8; v++) {
    const cookie = (await http('', 'POST', '/api/v1/auth/register', {
      email: `voter${v}.${Date.now().toString(36)}@bench.example`,
      password: 'benchmark password',
      name: `Votante ${v}`,
    })) as string;
    await joinCircle(http, cookie, slug, circleId);
    voters.push(cookie);
  }
  return voters;
}

/** A public circle in an open community, owned by `owner`, for a producer to write into. */
async function benchCircle(http: Http, owner: string) {
  const slug = `bench-${Date.now()}`;
  await http(owner, 'POST', '/api/v1/communities', { name: 'Bench', slug, joinPolicy: 'open' });
  const circle = (await http(owner, 'POST', `/api/v1/communities/${slug}/circles`, {
    name: 'Cercle des cercles',
    kind: 'learning_circle',
    visibility: 'public',
  })) as { id: string };
  return { slug, circleId: circle.id };
}

/** Joins the community and the circle as the holder of `cookie` (boards are for members only). */
async function joinCircle(http: Http, cookie: string, slug: string, circleId: string) {
  await http(cookie, 'POST', `/api/v1/communities/${slug}/members`, {});
  await http(cookie, 'POST', `/api/v1/circles/${circleId}/members`, {});
}

/**
 * A community event on a board: post-its and dots. Even productions add a post-it (keyed by its
 * id), odd ones put dots on the post-it just added (keyed `dots:<id>`: each post-it gets its dots
 * once, from one of a few voters so that no one's budget of 100 runs out). Participants join the
 * circle first, as they must to follow `board:<id>`.
 */
export const boardProducer: Producer = {
  name: 'POST /api/v1/boards/{id}/notes and PUT /api/v1/notes/{id}/dots/me (board:<id>)',
  async setup(http, owner) {
    const { slug, circleId } = await benchCircle(http, owner);
    const board = (await http(owner, 'POST', `/api/v1/circles/${circleId}/boards`, {
      title: 'Idées et prochains pas',
      categories: [
        { name: 'BLEU', color: 'blue', meaning: 'prochains pas' },
        { name: 'JAUNE', color: 'yellow', meaning: 'idées' },
      ],
      dotsPerParticipant: 100,
    })) as { id: string; categories: { id: string }[] };
    const voters = await benchVoters(http, slug, circleId);
    // Each post-it's id once its creation answered: its dots wait for it (rarely: 50 ms later).
    const notes: Promise<string | undefined>[] = [];
    return {
      topic: `board:${board.id}`,
      screen: {
        path: `/api/v1/boards/${board.id}`,
        follower: (store) =>
          new BoardFollower(store as ConstructorParameters<typeof BoardFollower>[0]) as Follower,
        keysOf: (copy) =>
          (copy as Board).notes.flatMap((note) => (note.dots ? [note.id, `dots:${note.id}`] : [note.id])),
      },
      admit: (cookie) => joinCircle(http, cookie, slug, circleId),
      produce: async (i) => {
        if (i % 2 === 0) {
          const created = http(owner, 'POST', `/api/v1/boards/${board.id}/notes`, {
            text: `Idée ${i / 2 + 1} : un temps inspirant pour les participants de l’Université`,
            categoryId: board.categories[(i / 2) % 2]?.id,
          }).then((note) => (note as { id: string }).id);
          notes[i / 2] = created.catch(() => undefined);
          return created;
        }
        const noteId = await notes[(i - 1) / 2];
        if (!noteId) return undefined; // its post-it failed: this production has no event to wait for
        const voter = voters[((i - 1) / 2) % voters.length] ?? owner;
        await http(voter, 'PUT', `/api/v1/notes/${noteId}/dots/me`, { count: 1 });
        return `dots:${noteId}`;
      },
      keyOf: (event) =>
        event.type === 'board.note.created'
          ? (event.noteId ?? undefined)
          : event.type === 'board.dots.updated' && event.noteId
            ? `dots:${event.noteId}`
            : undefined,
    };
  },
};

/**
 * A wall in the room (issue 17): the facilitator has laid out a retro's zones and forty post-its;
 * then post-its are dragged (three productions in four: each drop is one PATCH, as the wall sends
 * it on release, by one of a few members) and zones are moved (one in four, by the facilitator).
 * Each production puts its own index in the moved thing's x, so a copy shows production i when a
 * post-it's `wallX` (key `move:<i>`) or a zone's `x` (key `zone:<base + i>`, beyond where the
 * template lays zones) holds it.
 */
const ZONE_KEY_BASE = 30_000;
/** Where the seeded post-its start: beyond every production's x, so no seeded place reads as one. */
const SEED_X = 50_000;
export const wallProducer: Producer = {
  name: 'PATCH /api/v1/notes/{id} (wallX, wallY) and PATCH /api/v1/zones/{id} (board:<id>)',
  async setup(http, owner) {
    const { slug, circleId } = await benchCircle(http, owner);
    const board = (await http(owner, 'POST', `/api/v1/circles/${circleId}/boards`, {
      title: 'Rétrospective',
      template: 'retro',
    })) as { id: string; zones: { id: string }[] };
    const voters = await benchVoters(http, slug, circleId);
    const notes: string[] = [];
    for (let n = 0; n < 40; n++) {
      const note = (await http(owner, 'POST', `/api/v1/boards/${board.id}/notes`, {
        text: `Post-it ${n + 1} : ce qui nous a aidés`,
        wallX: SEED_X + n * 10,
        wallY: 0,
      })) as { id: string };
      notes.push(note.id);
    }
    const zones = board.zones.map((zone) => zone.id);
    if (zones.length === 0) throw new Error('the retro template laid out no zone');
    return {
      topic: `board:${board.id}`,
      screen: {
        path: `/api/v1/boards/${board.id}`,
        follower: (store) =>
          new BoardFollower(store as ConstructorParameters<typeof BoardFollower>[0]) as Follower,
        // Only places a production gave (the seeded ones would take the bench's slots for keys).
        keysOf: (copy) => [
          ...(copy as Board).notes.flatMap((note) =>
            note.wallX !== null && note.wallX < ZONE_KEY_BASE ? [`move:${note.wallX}`] : [],
          ),
          ...(copy as Board).zones.flatMap((zone) =>
            zone.x >= ZONE_KEY_BASE && zone.x < SEED_X ? [`zone:${zone.x}`] : [],
          ),
        ],
      },
      admit: (cookie) => joinCircle(http, cookie, slug, circleId),
      produce: async (i) => {
        if (i % 4 === 3) {
          await http(owner, 'PATCH', `/api/v1/zones/${zones[(i >> 2) % zones.length]}`, {
            x: ZONE_KEY_BASE + i,
            y: i % 997,
          });
          return `zone:${ZONE_KEY_BASE + i}`;
        }
        const mover = voters[i % voters.length] ?? owner;
        await http(mover, 'PATCH', `/api/v1/notes/${notes[i % notes.length]}`, {
          wallX: i,
          wallY: (i * 37) % 2_000,
        });
        return `move:${i}`;
      },
      keyOf: (event) =>
        event.type === 'board.note.updated' && event.note
          ? `move:${event.note.wallX}`
          : event.type === 'board.zone.updated'
            ? `zone:${event.zone.x}`
            : undefined,
    };
  },
};
