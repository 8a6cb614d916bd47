import type { LiveEvent, LiveServerMessage } from '../../contract/live.ts';
import type { BusFrame, FrameVariant, RedisLiveBus } from './redis-bus.ts';

/**
 * Who receives a variant of an event instead of the common one: one person's sockets, or the
 * topic's stewards (those who steer its object, as its resolver said on subscribe). The first
 * variant that matches a socket wins; everyone else gets the common event (decision 043).
 */
export type LiveAudience = { person: string } | 'stewards';
export interface LiveVariant {
  to: LiveAudience;
  event: LiveEvent;
}

const audienceKey = (to: LiveAudience) => (to === 'stewards' ? 's' : `p:${to.person}`);

/**
 * The part of a socket the hub needs; a `ws` WebSocket satisfies it. Broadcasts give a Buffer
 * encoded once (`binary: false` keeps it a text frame), so no socket re-encodes the string.
 */
export interface LiveSocket {
  send(data: string | Buffer, options?: { binary?: boolean }): void;
  readonly readyState: number;
}

const TEXT = { binary: false };

const OPEN = 1;

interface Topic {
  seq: number;
  /** The last events, oldest first, for clients that reconnect with `since`. */
  recent: BusFrame[];
  /** Sockets receiving the topic's events. */
  subscribers: Set<LiveSocket>;
  /** Every socket following the topic (receiving, or waiting for the topic's state), with its person. */
  members: Map<LiveSocket, string>;
  /** Sockets per person: presence counts people, not tabs. */
  people: Map<string, number>;
  /** Sockets of people who steer the topic's object (they may receive a fuller variant). */
  stewards: Set<LiveSocket>;
  /** With Redis: the topic's number and kept events have been read; until then subscribers wait. */
  ready: boolean;
  /** A read of the topic's state from Redis is under way. */
  loading: boolean;
  waiting: { socket: LiveSocket; since: number | undefined }[];
  /** Frames received while the topic's state was being read. */
  early: BusFrame[];
  /** New subscribers who have not been told the presence count yet. */
  newcomers: Set<LiveSocket>;
  /** The presence count last sent to the subscribers (-1: none yet). */
  presenceSent: number;
}

export interface LiveHubOptions {
  keep?: number;
  idleMs?: number;
  /** With Redis, events are numbered and fanned out across every instance. */
  bus?: RedisLiveBus;
  /** Delay between presence updates of a topic (coalescing joins and leaves). */
  presenceMs?: number;
  /** How often this instance refreshes its presence counts in Redis (they expire after 30 s). */
  heartbeatMs?: number;
  log?: (message: string) => void;
}

let anonymous = 0;
const socketIds = new WeakMap<LiveSocket, string>();
function socketId(socket: LiveSocket): string {
  let id = socketIds.get(socket);
  if (!id) {
    id = `socket:${++anonymous}`;
    socketIds.set(socket, id);
  }
  return id;
}

/**
 * Fan-out, numbered per topic. Each event is serialised once and the same string goes to every
 * subscriber. A reconnecting client gives the last seq it saw: the events after it are replayed if
 * still kept, otherwise it is told to refetch.
 *
 * Alone, the hub numbers and keeps events in memory; sequence numbers restart with the process,
 * which a client sees as a `since` ahead of the topic: it refetches too. With a Redis bus, Redis
 * numbers and keeps them (global to every instance) and each instance only relays the frames it
 * receives, in order, to its own sockets, so a client may reconnect to any instance.
 *
 * Presence: the number of distinct people following a topic (summed over instances with Redis),
 * sent as `presence` when it changes, at most once per `presenceMs` per topic.
 */
export class LiveHub {
  readonly #topics = new Map<string, Topic>();
  readonly #keep: number;
  readonly #idleMs: number;
  readonly #expiries = new Map<string, ReturnType<typeof setTimeout>>();
  readonly #bus: RedisLiveBus | undefined;
  readonly #log: (message: string) => void;
  readonly #presenceMs: number;
  /** Topics whose presence must be recounted at the next flush. */
  readonly #presenceDirty = new Set<string>();
  /** The count this instance last wrote to Redis per topic. */
  readonly #presenceWritten = new Map<string, number>();
  #presenceTimer: ReturnType<typeof setTimeout> | null = null;
  #heartbeat: ReturnType<typeof setInterval> | null = null;

  constructor(options: LiveHubOptions = {}) {
    this.#keep = options.keep ?? 500;
    // Long enough for a laptop closed over lunch to come back and replay what it missed.
    this.#idleMs = options.idleMs ?? 30 * 60_000;
    this.#bus = options.bus;
    this.#log = options.log ?? (() => {});
    this.#presenceMs = options.presenceMs ?? 250;
    if (this.#bus) {
      this.#bus.start({
        frame: (topic, entry) => this.#receive(topic, entry),
        presence: (topic) => {
          if (this.#topics.has(topic)) this.#markPresence(topic);
        },
        reconnected: () => this.#reconnected(),
      });
      this.#heartbeat = setInterval(() => this.#refreshPresence(), options.heartbeatMs ?? 10_000);
      this.#heartbeat.unref();
    }
  }

  /** Whether events can be published (always, without Redis). */
  get healthy(): boolean {
    return this.#bus ? this.#bus.healthy : true;
  }

  get distributed(): boolean {
    return this.#bus !== undefined;
  }

  #topic(name: string): Topic {
    let topic = this.#topics.get(name);
    if (!topic) {
      topic = {
        seq: 0,
        recent: [],
        subscribers: new Set(),
        members: new Map(),
        people: new Map(),
        stewards: new Set(),
        ready: !this.#bus,
        loading: false,
        waiting: [],
        early: [],
        newcomers: new Set(),
        presenceSent: -1,
      };
      this.#topics.set(name, topic);
    }
    return topic;
  }

  /**
   * Publishes after the write has committed. Never throws: with Redis the event leaves
   * asynchronously and a failure is logged (the clients refetch when Redis is back).
   */
  publish(topicName: string, event: LiveEvent, variants: readonly LiveVariant[] = []): void {
    if (this.#bus) {
      const encoded = variants.length
        ? JSON.stringify(variants.map((variant) => [audienceKey(variant.to), variant.event]))
        : '';
      this.#bus.publish(topicName, JSON.stringify(event), encoded).catch((error: Error) => {
        this.#log(`live: event on ${topicName} lost, Redis did not take it (${error.message})`);
      });
      return;
    }
    const topic = this.#topic(topicName);
    const seq = topic.seq + 1;
    const frameOf = (payload: LiveEvent) =>
      JSON.stringify({ type: 'event', topic: topicName, seq, event: payload } satisfies LiveServerMessage);
    this.#deliver(topic, {
      seq,
      frame: frameOf(event),
      ...(variants.length > 0 && {
        variants: variants.map((variant) => ({ to: audienceKey(variant.to), frame: frameOf(variant.event) })),
      }),
    });
    // Said to nobody (an HTTP write while no one watches): kept for a while for reconnections only.
    this.#forgetIfIdle(topicName, topic);
  }

  /** Keeps the frame for replay and sends it to every subscriber (each its variant, if any). */
  #deliver(topic: Topic, entry: BusFrame): void {
    topic.seq = entry.seq;
    topic.recent.push(entry);
    if (topic.recent.length > this.#keep) topic.recent.shift();
    if (topic.subscribers.size === 0) return;
    if (!entry.variants) {
      sendAll(topic.subscribers, entry.frame);
      return;
    }
    // Each frame is encoded once, on first use; each socket gets the first variant meant for it.
    const common = Buffer.from(entry.frame);
    const encoded = new Map<FrameVariant, Buffer>();
    for (const socket of topic.subscribers) {
      if (socket.readyState !== OPEN) continue;
      const variant = variantFor(topic, socket, entry.variants);
      if (!variant) {
        socket.send(common, TEXT);
        continue;
      }
      let bytes = encoded.get(variant);
      if (!bytes) {
        bytes = Buffer.from(variant.frame);
        encoded.set(variant, bytes);
      }
      socket.send(bytes, TEXT);
    }
  }

  /** A frame from Redis: only topics someone follows here are held. */
  #receive(topicName: string, entry: BusFrame): void {
    const topic = this.#topics.get(topicName);
    if (!topic) return;
    if (!topic.ready) {
      topic.early.push(entry);
      return;
    }
    if (entry.seq <= topic.seq) return;
    if (entry.seq > topic.seq + 1) {
      // A gap (frames lost while Redis was away): say so rather than show a different board.
      topic.recent = [];
      topic.seq = entry.seq - 1;
      this.#broadcast(topic, { type: 'resync', topic: topicName, seq: topic.seq });
    }
    this.#deliver(topic, entry);
  }

  /** `person` is who follows (presence counts people); by default each socket counts as one. */
  subscribe(
    socket: LiveSocket,
    topicName: string,
    since: number | undefined,
    person?: string,
    steward = false,
  ): void {
    clearTimeout(this.#expiries.get(topicName));
    this.#expiries.delete(topicName);
    const topic = this.#topic(topicName);
    if (steward) topic.stewards.add(socket);
    if (!topic.members.has(socket)) {
      const who = person ?? socketId(socket);
      topic.members.set(socket, who);
      topic.people.set(who, (topic.people.get(who) ?? 0) + 1);
    }
    if (topic.ready) {
      this.#attach(topicName, topic, socket, since);
      return;
    }
    topic.waiting.push({ socket, since });
    void this.#load(topicName, topic, false);
  }

  #attach(topicName: string, topic: Topic, socket: LiveSocket, since: number | undefined): void {
    topic.subscribers.add(socket);
    topic.newcomers.add(socket);
    this.#markPresence(topicName);
    send(socket, { type: 'subscribed', topic: topicName, seq: topic.seq });
    if (since === undefined || since === topic.seq) return;
    const oldestKept = topic.recent[0]?.seq ?? topic.seq + 1;
    if (since > topic.seq || since < oldestKept - 1) {
      send(socket, { type: 'resync', topic: topicName, seq: topic.seq });
      return;
    }
    for (const entry of topic.recent) {
      if (entry.seq > since) socket.send(frameFor(topic, socket, entry));
    }
  }

  /**
   * Reads the topic's number and kept events from Redis, then lets the waiting subscribers in.
   * Frames arriving meanwhile are kept aside and applied after, without duplicates. After a loss of
   * Redis (`afterLoss`), the sockets already following are told to refetch.
   */
  async #load(topicName: string, topic: Topic, afterLoss: boolean): Promise<void> {
    const bus = this.#bus;
    // Not before this instance receives the channel: `reconnected` loads every topic then.
    if (!bus || topic.loading || !bus.healthy) return;
    topic.loading = true;
    let state: { seq: number; recent: BusFrame[] };
    try {
      state = await bus.snapshot(topicName);
    } catch (error) {
      // Tried again in a second, and when Redis answers again; the subscribers keep waiting.
      topic.loading = false;
      this.#log(`live: cannot read ${topicName} from Redis (${(error as Error).message})`);
      setTimeout(() => {
        if (this.#topics.get(topicName) === topic && !topic.ready)
          void this.#load(topicName, topic, afterLoss);
      }, 1000).unref();
      return;
    }
    topic.loading = false;
    if (this.#topics.get(topicName) !== topic) return;
    topic.seq = state.seq;
    topic.recent = state.recent.slice(-this.#keep);
    topic.ready = true;
    if (afterLoss) this.#broadcast(topic, { type: 'resync', topic: topicName, seq: topic.seq });
    // Waiting subscribers in first (told the snapshot's seq), then what came meanwhile, to everyone.
    const waiting = topic.waiting;
    topic.waiting = [];
    for (const { socket, since } of waiting) {
      if (topic.members.has(socket)) this.#attach(topicName, topic, socket, since);
    }
    const early = topic.early;
    topic.early = [];
    for (const entry of early) this.#receive(topicName, entry);
  }

  #reconnected(): void {
    // The subscription holds again: read each topic afresh (frames meanwhile are kept aside).
    queueMicrotask(() => {
      for (const [name, topic] of this.#topics) {
        topic.ready = false;
        topic.early = [];
        topic.loading = false;
        void this.#load(name, topic, true);
        this.#markPresence(name);
      }
      for (const name of this.#presenceWritten.keys()) this.#markPresence(name);
      this.#presenceWritten.clear();
    });
  }

  /** Whether this socket's person steers the topic's object changed (a new role). */
  setSteward(socket: LiveSocket, topicName: string, steward: boolean): void {
    const topic = this.#topics.get(topicName);
    if (!topic?.members.has(socket)) return;
    if (steward) topic.stewards.add(socket);
    else topic.stewards.delete(socket);
  }

  unsubscribe(socket: LiveSocket, topicName: string): void {
    const topic = this.#topics.get(topicName);
    if (!topic) return;
    const who = topic.members.get(socket);
    if (who !== undefined) {
      topic.members.delete(socket);
      const left = (topic.people.get(who) ?? 1) - 1;
      if (left > 0) topic.people.set(who, left);
      else {
        topic.people.delete(who);
        this.#markPresence(topicName);
      }
    }
    topic.subscribers.delete(socket);
    topic.stewards.delete(socket);
    topic.newcomers.delete(socket);
    topic.waiting = topic.waiting.filter((entry) => entry.socket !== socket);
    this.#forgetIfIdle(topicName, topic);
  }

  /** A closed socket leaves every topic it followed. */
  drop(socket: LiveSocket, topicNames: Iterable<string>): void {
    for (const name of topicNames) this.unsubscribe(socket, name);
  }

  subscriberCount(topicName: string): number {
    return this.#topics.get(topicName)?.subscribers.size ?? 0;
  }

  /** Distinct people following the topic on this instance. */
  localPresence(topicName: string): number {
    return this.#topics.get(topicName)?.people.size ?? 0;
  }

  #broadcast(topic: Topic, message: LiveServerMessage): void {
    sendAll(topic.subscribers, JSON.stringify(message));
  }

  #markPresence(topicName: string): void {
    this.#presenceDirty.add(topicName);
    if (this.#presenceTimer) return;
    this.#presenceTimer = setTimeout(() => {
      this.#presenceTimer = null;
      void this.#flushPresence();
    }, this.#presenceMs);
    this.#presenceTimer.unref();
  }

  async #flushPresence(): Promise<void> {
    const names = [...this.#presenceDirty];
    this.#presenceDirty.clear();
    await Promise.all(names.map((name) => this.#presence(name)));
  }

  /** Writes this instance's count if it changed, then tells the subscribers the total if it changed. */
  async #presence(topicName: string): Promise<void> {
    const local = this.localPresence(topicName);
    let total = local;
    if (this.#bus) {
      try {
        if (this.#presenceWritten.get(topicName) !== local) {
          await this.#bus.setPresence(topicName, local, true);
          if (local === 0) this.#presenceWritten.delete(topicName);
          else this.#presenceWritten.set(topicName, local);
        }
        if (!this.#topics.has(topicName)) return;
        total = await this.#bus.presenceTotal(topicName);
      } catch (error) {
        this.#log(`live: presence of ${topicName} not shared (${(error as Error).message})`);
      }
    }
    const topic = this.#topics.get(topicName);
    if (!topic) return;
    const frame = JSON.stringify({
      type: 'presence',
      topic: topicName,
      count: total,
    } satisfies LiveServerMessage);
    const targets = total !== topic.presenceSent ? topic.subscribers : topic.newcomers;
    topic.presenceSent = total;
    if (targets.size > 0) sendAll(targets, frame);
    topic.newcomers.clear();
  }

  /** Heartbeat: keeps this instance's counts alive in Redis and notices instances that stopped. */
  #refreshPresence(): void {
    const bus = this.#bus;
    if (!bus) return;
    for (const [name, count] of this.#presenceWritten) {
      bus.setPresence(name, count, false).catch(() => {});
    }
    for (const name of this.#topics.keys()) this.#markPresence(name);
  }

  /**
   * A topic nobody follows is forgotten, at once if nothing was said in it (or when Redis keeps
   * it), otherwise after a while (its recent events serve reconnections until then): memory follows use.
   */
  #forgetIfIdle(name: string, topic: Topic): void {
    if (topic.members.size > 0) return;
    if (topic.recent.length === 0 || this.#bus) {
      this.#topics.delete(name);
      return;
    }
    if (this.#expiries.has(name)) return;
    const expiry = setTimeout(() => {
      this.#expiries.delete(name);
      if (this.#topics.get(name)?.members.size === 0) this.#topics.delete(name);
    }, this.#idleMs);
    expiry.unref();
    this.#expiries.set(name, expiry);
  }

  /** How many topics are held in memory (for tests and monitoring). */
  get topicCount(): number {
    return this.#topics.size;
  }

  async close(): Promise<void> {
    if (this.#heartbeat) clearInterval(this.#heartbeat);
    if (this.#presenceTimer) clearTimeout(this.#presenceTimer);
    for (const expiry of this.#expiries.values()) clearTimeout(expiry);
    const bus = this.#bus;
    if (!bus) return;
    // Leave no count behind: the other instances see these people leave at once.
    await Promise.all(
      [...this.#presenceWritten.keys()].map((name) => bus.setPresence(name, 0, true).catch(() => {})),
    );
    await bus.close();
  }
}

/** The variant of an event meant for this socket, if any (the first that matches). */
function variantFor(topic: Topic, socket: LiveSocket, variants: readonly FrameVariant[]) {
  const person = topic.members.get(socket);
  for (const variant of variants) {
    if (variant.to === 's' ? topic.stewards.has(socket) : variant.to === `p:${person}`) return variant;
  }
  return undefined;
}

function frameFor(topic: Topic, socket: LiveSocket, entry: BusFrame): string {
  return (entry.variants && variantFor(topic, socket, entry.variants)?.frame) ?? entry.frame;
}

/** One frame to many sockets: encoded once, the same bytes to each. */
function sendAll(sockets: Iterable<LiveSocket>, frame: string): void {
  const bytes = Buffer.from(frame);
  for (const socket of sockets) {
    if (socket.readyState === OPEN) socket.send(bytes, TEXT);
  }
}

export function send(socket: LiveSocket, message: LiveServerMessage): void {
  if (socket.readyState === OPEN) socket.send(JSON.stringify(message));
}
