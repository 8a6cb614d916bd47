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

  constructor(options: { keep?: number } = {}) {
    this.#keep = options.keep ?? 500;
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
    return topic.seq;
  }

  subscribe(socket: LiveSocket, topicName: string, since: number | undefined): void {
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

  /** Topics nobody follows and nothing was said in are forgotten, so memory follows use. */
  #forgetIfIdle(name: string, topic: Topic): void {
    if (topic.subscribers.size === 0 && topic.recent.length === 0) this.#topics.delete(name);
  }
}

export function send(socket: LiveSocket, message: LiveServerMessage): void {
  if (socket.readyState === OPEN) socket.send(JSON.stringify(message));
}
