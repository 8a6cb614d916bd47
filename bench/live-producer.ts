/**
 * What the live benchmark's producers do, through the real HTTP API. Swappable: a producer sets up
 * what it writes into (as the account `owner`), names the topic the participants follow, and makes
 * one event per call to `produce`. Each delivered event is matched to the request that caused it by
 * a key: `produce` returns it (e.g. an id from the response) and `keyOf` reads it from the event.
 * Without keys, the k-th event of the topic is matched to the k-th request sent (exact only if
 * requests commit in the order they were sent).
 */
import type { LiveEvent } from '../src/contract/live.ts';

/** JSON request as `cookie`; throws on a status ≥ 300. */
export type Http = (cookie: string, method: string, path: string, body?: object) => Promise<unknown>;

export interface Production {
  topic: string;
  /** Makes the i-th event (i from 0); resolves, when the server answered, with its key. */
  produce(i: number): Promise<string | undefined>;
  /** The key of the production that caused this event (see `produce`). */
  keyOf?(event: LiveEvent): string | undefined;
}

export interface Producer {
  name: string;
  setup(http: Http, owner: string): Promise<Production>;
}

/** Today: the facilitator moves the room through a session's agenda (`agenda.item.started`). */
export const sessionAgendaProducer: Producer = {
  name: 'POST /api/v1/sessions/{id}/current-item (agenda.item.started on session:<id>)',
  async setup(http, owner) {
    const slug = `bench-${Date.now()}`;
    await http(owner, 'POST', '/api/v1/communities', { name: 'Bench', slug, joinPolicy: 'open' });
    const circle = (await http(owner, 'POST', `/api/v1/communities/${slug}/circles`, {
      name: 'Cercle du benchmark',
      kind: 'learning_circle',
      visibility: 'public',
    })) as { id: string };
    const session = (await http(owner, 'POST', `/api/v1/circles/${circle.id}/sessions`, {
      title: 'Événement communautaire',
      startsAt: '2026-12-01T09:00:00Z',
      endsAt: '2026-12-01T18:00:00Z',
    })) as { id: string };
    const agenda = (await http(owner, 'POST', `/api/v1/sessions/${session.id}/agenda/template`, {
      template: 'plain',
    })) as { items: { id: string }[] };
    const items = agenda.items.map((item) => item.id);
    const itemOf = (i: number) => items[i % items.length] ?? '';
    return {
      topic: `session:${session.id}`,
      // Each move stamps the item's start: the response and the event carry the same instant.
      produce: async (i) => {
        const moved = (await http(owner, 'POST', `/api/v1/sessions/${session.id}/current-item`, {
          itemId: itemOf(i),
        })) as { currentItemStartedAt: string };
        return moved.currentItemStartedAt;
      },
      keyOf: (event) => (event.type === 'agenda.item.started' ? (event.startedAt ?? undefined) : undefined),
    };
  },
};

/*
 * Once boards land (issue 4), the lead swaps in post-its and dots, e.g.:
 *
 * export const boardProducer: Producer = {
 *   name: 'POST /api/v1/boards/{id}/notes and PUT /api/v1/notes/{id}/dots/me (board:<id>)',
 *   async setup(http, owner) {
 *     …community and public circle as above…
 *     const board = await http(owner, 'POST', `/api/v1/circles/${circle.id}/boards`, { title: 'Idées', dotsPerParticipant: 10_000 });
 *     let lastNote = '';
 *     return {
 *       topic: `board:${board.id}`,
 *       produce: async (i) => {
 *         if (i % 2 === 0 || !lastNote) return (lastNote = (await http(owner, 'POST', `/api/v1/boards/${board.id}/notes`, { text: `Idée ${i}` })).id);
 *         await http(owner, 'PUT', `/api/v1/notes/${lastNote}/dots/me`, { count: 1 + (i % 3) });
 *         return undefined; // no key: matched by seq order
 *       },
 *       keyOf: (event) => (event.type === 'note.created' ? event.noteId : undefined),
 *     };
 *   },
 * };
 * and sets `producer = boardProducer` in bench/live.ts.
 */
