import type { LiveEvent, LiveServerMessage } from '../../contract/live.ts';

/** The part of a socket the hub needs; a `ws` WebSocket satisfies it. */
export interface LiveSocket {
  send(data: string): void;
  readonly readyState: number;
}

const OPEN = 1;

interface Topic {
  seq: number;
  /** The last events, oldest first, for clients that reconnect with `since`. */
  recent: { seq: number; frame: string }[];
  subscribers: Set<LiveSocket>;
}

/**
 * In-process fan-out, numbered per topic. Each event is serialised once and the same string goes to
 * every subscriber. A reconnecting client gives the last seq it saw: the events after it are
 * replayed if still kept, otherwise it is told to refetch. Sequence numbers restart with the
 * process, which a client sees as a `since` ahead of the topic: it refetches too.
 */
export class LiveHub {
  readonly #topics = new Map<string, Topic>();
  readonly #keep: number;
  readonly #idleMs: number;
  readonly #expiries = new Map<string, ReturnType<typeof setTimeout>>();

  constructor(options: { keep?: number; idleMs?: number } = {}) {
    this.#keep = options.keep ?? 500;
    // Long enough for a laptop closed over lunch to come back and replay what it missed.
    this.#idleMs = options.idleMs ?? 30 * 60_000;
  }

  #topic(name: string): Topic {
    let topic = this.#topics.get(name);
    if (!topic) {
      topic = { seq: 0, recent: [], subscribers: new Set() };
      this.#topics.set(name, topic);
    }
    return topic;
  }

  /** Publishes after the write has committed; returns the event's number in its topic. */
  publish(topicName: string, event: LiveEvent): number {
    const topic = this.#topic(topicName);
    topic.seq += 1;
    const message: LiveServerMessage = { type: 'event', topic: topicName, seq: topic.seq, event };
    const frame = JSON.stringify(message);
    topic.recent.push({ seq: topic.seq, frame });
    if (topic.recent.length > this.#keep) topic.recent.shift();
    for (const socket of topic.subscribers) {
      if (socket.readyState === OPEN) socket.send(frame);
    }
    // Said to nobody (an HTTP write while no one watches): kept for a while for reconnections only.
    this.#forgetIfIdle(topicName, topic);
    return topic.seq;
  }

  subscribe(socket: LiveSocket, topicName: string, since: number | undefined): void {
    clearTimeout(this.#expiries.get(topicName));
    this.#expiries.delete(topicName);
    const topic = this.#topic(topicName);
    topic.subscribers.add(socket);
    send(socket, { type: 'subscribed', topic: topicName, seq: topic.seq });
    if (since === undefined || since === topic.seq) return;
    const oldestKept = topic.recent[0]?.seq ?? topic.seq + 1;
    if (since > topic.seq || since < oldestKept - 1) {
      send(socket, { type: 'resync', topic: topicName, seq: topic.seq });
      return;
    }
    for (const entry of topic.recent) {
      if (entry.seq > since) socket.send(entry.frame);
    }
  }

  unsubscribe(socket: LiveSocket, topicName: string): void {
    const topic = this.#topics.get(topicName);
    if (!topic) return;
    topic.subscribers.delete(socket);
    this.#forgetIfIdle(topicName, topic);
  }

  /** A closed socket leaves every topic it followed. */
  drop(socket: LiveSocket, topicNames: Iterable<string>): void {
    for (const name of topicNames) this.unsubscribe(socket, name);
  }

  subscriberCount(topicName: string): number {
    return this.#topics.get(topicName)?.subscribers.size ?? 0;
  }

  /**
   * A topic nobody follows is forgotten, at once if nothing was said in it, otherwise after a while
   * (its recent events serve reconnections until then): memory follows use.
   */
  #forgetIfIdle(name: string, topic: Topic): void {
    if (topic.subscribers.size > 0) return;
    if (topic.recent.length === 0) {
      this.#topics.delete(name);
      return;
    }
    if (this.#expiries.has(name)) return;
    const expiry = setTimeout(() => {
      this.#expiries.delete(name);
      if (this.#topics.get(name)?.subscribers.size === 0) this.#topics.delete(name);
    }, this.#idleMs);
    expiry.unref();
    this.#expiries.set(name, expiry);
  }

  /** How many topics are held in memory (for tests and monitoring). */
  get topicCount(): number {
    return this.#topics.size;
  }
}

export function send(socket: LiveSocket, message: LiveServerMessage): void {
  if (socket.readyState === OPEN) socket.send(JSON.stringify(message));
}
