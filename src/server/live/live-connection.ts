import type { LiveHub, LiveSocket } from './live-hub.ts';
import { send } from './live-hub.ts';

const OPEN = 1;

/** The most topics one connection follows, counting those still being authorised. */
export const MAX_TOPICS_PER_CONNECTION = 50;

/**
 * The scope a topic belongs to if this connection's viewer may follow it (a circle id,
 * `community:<id>`), and whether the viewer steers its object.
 */
export type ScopeOf = (topic: string) => Promise<{ scope: string; steward: boolean } | undefined>;

interface Pending {
  since: number | undefined;
  /** Unsubscribed while its authorisation ran: dropped when the check ends. */
  cancelled: boolean;
}

/**
 * The topics one live socket follows and the ones it is authorising. Asking again for a topic
 * already followed or pending costs nothing (no new authorisation, nothing allocated), so repeated
 * frames can neither get past the topic cap nor pile up database queries.
 */
export class LiveConnection {
  readonly #socket: LiveSocket;
  readonly #person: string;
  readonly #hub: LiveHub;
  readonly #scopeOf: ScopeOf;
  /** Followed topics, with the scope each belongs to (to drop them when access is lost). */
  readonly #topics = new Map<string, string>();
  /** Followed topics whose object this connection's person steers. */
  readonly #stewarded = new Set<string>();
  /**
   * Topics whose authorisation is still running. One cancelled by an unsubscribe stays here until
   * its check ends: it still costs a query, so it still counts against the cap.
   */
  readonly #pending = new Map<string, Pending>();
  /** Counts the revocations heard, so an authorisation that spans one is checked again. */
  #revoked = 0;

  constructor(socket: LiveSocket, person: string, hub: LiveHub, scopeOf: ScopeOf) {
    this.#socket = socket;
    this.#person = person;
    this.#hub = hub;
    this.#scopeOf = scopeOf;
  }

  async subscribe(topic: string, since: number | undefined): Promise<void> {
    const pending = this.#pending.get(topic);
    if (pending) {
      pending.cancelled = false;
      pending.since = since;
      return;
    }
    if (this.#topics.has(topic)) return;
    if (this.#topics.size + this.#pending.size >= MAX_TOPICS_PER_CONNECTION) {
      return send(this.#socket, {
        type: 'error',
        code: 'RATE_LIMITED',
        message: 'Too many topics on one connection',
        topic,
      });
    }
    // Frames arrive faster than the authorisation answers: a topic being checked counts too.
    const entry: Pending = { since, cancelled: false };
    this.#pending.set(topic, entry);
    let grant: { scope: string; steward: boolean } | undefined;
    try {
      // Access lost while the check ran (the viewer left the circle, the circle became private):
      // check again, or the topic would outlive the revocation that was meant to close it.
      for (let seen = -1; seen !== this.#revoked; ) {
        seen = this.#revoked;
        grant = await this.#scopeOf(topic);
      }
    } finally {
      this.#pending.delete(topic);
    }
    // The socket closed meanwhile: its topics were already dropped, this one would stay (a ghost
    // in the presence count, and a dead socket kept by the hub).
    if (entry.cancelled || this.#socket.readyState !== OPEN) return;
    if (!grant) return this.#notFound(topic);
    this.#topics.set(topic, grant.scope);
    if (grant.steward) this.#stewarded.add(topic);
    this.#hub.subscribe(this.#socket, topic, entry.since, this.#person, grant.steward);
  }

  unsubscribe(topic: string): void {
    const pending = this.#pending.get(topic);
    if (pending) {
      pending.cancelled = true;
      return;
    }
    if (this.#topics.delete(topic)) {
      this.#stewarded.delete(topic);
      this.#hub.unsubscribe(this.#socket, topic);
    }
  }

  /** The viewer lost access to `scope`: its topics close at once. */
  revoke(scope: string): void {
    this.#revoked += 1;
    for (const [topic, topicScope] of this.#topics) {
      if (topicScope === scope) this.#drop(topic);
    }
  }

  /**
   * `scope` became more private (a circle made private): its topics are authorised again, one after
   * the other, and those the viewer may no longer follow close.
   */
  async recheck(scope: string): Promise<void> {
    this.#revoked += 1;
    const topics = [...this.#topics].flatMap(([topic, topicScope]) => (topicScope === scope ? [topic] : []));
    for (const topic of topics) {
      const now = await this.#scopeOf(topic);
      // Unsubscribed (or closed by another revocation) while it was checked.
      if (this.#topics.get(topic) !== scope || now?.scope === scope) continue;
      this.#drop(topic);
    }
  }

  /**
   * The person's role changed: every topic is authorised again; those now hidden close, and the
   * others follow the new answer on whether the person steers them.
   */
  async recheckAll(): Promise<void> {
    this.#revoked += 1;
    for (const [topic, scope] of [...this.#topics]) {
      const now = await this.#scopeOf(topic);
      if (this.#topics.get(topic) !== scope) continue;
      if (!now) {
        this.#drop(topic);
        continue;
      }
      if (now.steward !== this.#stewarded.has(topic)) {
        if (now.steward) this.#stewarded.add(topic);
        else this.#stewarded.delete(topic);
        this.#hub.setSteward(this.#socket, topic, now.steward);
      }
    }
  }

  /** What the topic names is gone (deleted): it closes like a topic one may no longer see. */
  closeTopic(topic: string): void {
    if (this.#topics.has(topic)) this.#drop(topic);
  }

  /** The socket closed: it leaves every topic; authorisations still running are dropped when they end. */
  close(): void {
    this.#hub.drop(this.#socket, this.#topics.keys());
    this.#topics.clear();
    this.#stewarded.clear();
  }

  #drop(topic: string): void {
    this.#topics.delete(topic);
    this.#stewarded.delete(topic);
    this.#hub.unsubscribe(this.#socket, topic);
    this.#notFound(topic);
  }

  #notFound(topic: string): void {
    send(this.#socket, { type: 'error', code: 'NOT_FOUND', message: 'No such topic', topic });
  }
}
