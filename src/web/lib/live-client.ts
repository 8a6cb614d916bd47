import type { LiveEvent, LiveServerMessage } from '../../contract/live.ts';

type Listener = {
  onEvent: (event: LiveEvent) => void;
  onResync: () => void;
  /** How many people follow the topic right now (sent when it changes). */
  onPresence?: (count: number) => void;
  /** The server follows the topic for this tab from now on (after each (re)subscription). */
  onSubscribed?: () => void;
};

/**
 * One WebSocket for the whole tab, shared by every screen that follows a topic. It reconnects with
 * backoff and resubscribes with the last sequence number seen, so the server replays what was
 * missed (or says to refetch). Writes never go through it: they are HTTP requests.
 */
export class LiveClient {
  readonly #url: string;
  readonly #listeners = new Map<string, Set<Listener>>();
  readonly #lastSeq = new Map<string, number>();
  readonly #presence = new Map<string, number>();
  #socket: WebSocket | null = null;
  #retry = 0;
  #timer: ReturnType<typeof setTimeout> | null = null;

  constructor(url: string) {
    this.#url = url;
  }

  /** Follows a topic until the returned function is called. */
  subscribe(topic: string, listener: Listener): () => void {
    let listeners = this.#listeners.get(topic);
    if (!listeners) {
      listeners = new Set();
      this.#listeners.set(topic, listeners);
      this.#send({ type: 'subscribe', topic, since: this.#lastSeq.get(topic) });
    }
    listeners.add(listener);
    const present = this.#presence.get(topic);
    if (present !== undefined) listener.onPresence?.(present);
    this.#connect();
    return () => {
      listeners.delete(listener);
      if (listeners.size > 0) return;
      this.#listeners.delete(topic);
      this.#lastSeq.delete(topic);
      this.#presence.delete(topic);
      this.#send({ type: 'unsubscribe', topic });
    };
  }

  #connect(): void {
    if (this.#socket || this.#timer || this.#listeners.size === 0) return;
    const socket = new WebSocket(this.#url);
    this.#socket = socket;
    socket.onopen = () => {
      for (const topic of this.#listeners.keys()) {
        socket.send(JSON.stringify({ type: 'subscribe', topic, since: this.#lastSeq.get(topic) }));
      }
    };
    socket.onmessage = (message) => {
      // The backoff starts over only once the server answered: a connection it refuses right after
      // the handshake (too many tabs open, close code 4429) must not be retried every half second.
      this.#retry = 0;
      this.#receive(String(message.data));
    };
    socket.onclose = () => {
      this.#socket = null;
      if (this.#listeners.size === 0) return;
      // 0.5 s, 1 s, 2 s… up to 30 s: a server restart or a train tunnel, not a reason to hammer it.
      const delay = Math.min(30_000, 500 * 2 ** this.#retry++);
      this.#timer = setTimeout(() => {
        this.#timer = null;
        this.#connect();
      }, delay);
    };
  }

  #receive(data: string): void {
    let message: LiveServerMessage;
    try {
      message = JSON.parse(data);
    } catch {
      return;
    }
    if (message.type === 'error') return;
    const listeners = this.#listeners.get(message.topic);
    if (message.type === 'subscribed') {
      if (!this.#lastSeq.has(message.topic)) this.#lastSeq.set(message.topic, message.seq);
      for (const listener of listeners ?? []) listener.onSubscribed?.();
      return;
    }
    if (message.type === 'presence') {
      this.#presence.set(message.topic, message.count);
      for (const listener of listeners ?? []) listener.onPresence?.(message.count);
      return;
    }
    this.#lastSeq.set(message.topic, message.seq);
    for (const listener of listeners ?? []) {
      if (message.type === 'event') listener.onEvent(message.event);
      else listener.onResync();
    }
  }

  #send(message: object): void {
    if (this.#socket?.readyState === WebSocket.OPEN) this.#socket.send(JSON.stringify(message));
  }
}

let shared: LiveClient | null = null;

/** The tab's live connection, to this same origin. */
export function liveClient(): LiveClient {
  if (!shared) {
    const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
    shared = new LiveClient(`${scheme}://${window.location.host}/api/v1/live`);
  }
  return shared;
}
