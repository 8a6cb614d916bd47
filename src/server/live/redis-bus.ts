import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import type { SharedRevocation } from './access-revocations.ts';

/** A frame meant for some of a topic's followers instead of the common one (live-hub.ts). */
export interface FrameVariant {
  /** `p:<person id>` or `s` (the topic's stewards). */
  to: string;
  frame: string;
}

/** An event frame as every instance receives it, in the topic's order. */
export interface BusFrame {
  seq: number;
  frame: string;
  variants?: FrameVariant[];
}

export interface BusHandlers {
  frame(topic: string, entry: BusFrame): void;
  /** Some instance's count of people on the topic changed: recount. */
  presence(topic: string): void;
  /** The subscription holds (at start, or again after a loss): topics may be read, and may have missed events. */
  reconnected(): void;
}

/**
 * Numbers, keeps and delivers a topic's events in one atomic step: the counter is global to every
 * instance, the frame is built once (the event JSON is given already serialised), kept for replay
 * in a capped list, and published on the one channel every instance listens to. Redis runs scripts
 * one at a time, so every instance receives a topic's events in seq order.
 *
 * A topic's numbering starts at the current time in milliseconds rather than at 0: if Redis loses
 * its data, the new numbers are far above any `since` a client kept from before, which therefore
 * asks for a refetch instead of replaying a different history under the same numbers.
 */
const PUBLISH = `
redis.call('SET', KEYS[1], ARGV[7], 'NX')
local seq = redis.call('INCR', KEYS[1])
local frame = '{"type":"event","topic":' .. ARGV[2] .. ',"seq":' .. seq .. ',"event":' .. ARGV[3] .. '}'
if ARGV[8] ~= '' then frame = frame .. '\\n' .. ARGV[8] end
redis.call('RPUSH', KEYS[2], seq .. ' ' .. frame)
redis.call('LTRIM', KEYS[2], -tonumber(ARGV[4]), -1)
redis.call('EXPIRE', KEYS[2], ARGV[5])
redis.call('PUBLISH', ARGV[6], 'e ' .. seq .. ' ' .. ARGV[1] .. ' ' .. frame)
return seq
`;

/** The topic's number and its kept events, read together (a new topic starts its numbering). */
const SNAPSHOT = `
redis.call('SET', KEYS[1], ARGV[1], 'NX')
return { tonumber(redis.call('GET', KEYS[1]) or '0'), redis.call('LRANGE', KEYS[2], 0, -1) }
`;

/**
 * `<frame>` or `<frame>\n<variants>`: JSON has no raw line break, so the first one ends the common
 * frame; the variants are `[[audience, event], …]`, framed here under the same topic and seq.
 */
function toBusFrame(seq: number, text: string): BusFrame {
  const newline = text.indexOf('\n');
  if (newline === -1) return { seq, frame: text };
  const frame = text.slice(0, newline);
  const topicJson = frame.slice('{"type":"event","topic":'.length, frame.indexOf(',"seq":'));
  const variants = (JSON.parse(text.slice(newline + 1)) as [string, unknown][]).map(([to, event]) => ({
    to,
    frame: `{"type":"event","topic":${topicJson},"seq":${seq},"event":${JSON.stringify(event)}}`,
  }));
  return { seq, frame, variants };
}

function parseEntry(entry: string): BusFrame {
  const space = entry.indexOf(' ');
  return toBusFrame(Number(entry.slice(0, space)), entry.slice(space + 1));
}

/**
 * The Redis side of the live hub: one connection for commands, one for the shared channel.
 * Commands fail at once while Redis is away (no offline queue): a publish is then lost, logged, and
 * the clients are told to refetch (`resync`) when Redis answers again.
 */
export class RedisLiveBus {
  readonly instanceId = randomUUID();
  readonly #commands: Redis;
  readonly #listener: Redis;
  readonly #prefix: string;
  readonly #channel: string;
  readonly #keep: number;
  readonly #replayTtlSeconds: number;
  readonly #presenceTtlMs: number;
  #handlers: BusHandlers | null = null;
  #onRevocation: ((revocation: SharedRevocation) => void) | null = null;
  #lostContact = false;
  #subscribed = false;
  #closing = false;

  constructor(options: {
    url: string;
    prefix: string;
    keep: number;
    replayTtlSeconds: number;
    /** A count not refreshed for this long belongs to a stopped instance (default 30 s). */
    presenceTtlMs?: number;
    log: (message: string) => void;
  }) {
    const common = { enableOfflineQueue: false, maxRetriesPerRequest: 1, lazyConnect: false };
    this.#commands = new Redis(options.url, common);
    // The listener queues its SUBSCRIBE until connected; ioredis subscribes again after a reconnect.
    this.#listener = new Redis(options.url, { maxRetriesPerRequest: null });
    this.#prefix = options.prefix;
    this.#channel = `${options.prefix}live`;
    this.#keep = options.keep;
    this.#replayTtlSeconds = options.replayTtlSeconds;
    this.#presenceTtlMs = options.presenceTtlMs ?? 30_000;
    this.#commands.defineCommand('livePublish', { numberOfKeys: 2, lua: PUBLISH });
    this.#commands.defineCommand('liveSnapshot', { numberOfKeys: 2, lua: SNAPSHOT });
    let warned = false;
    let subscribing = false;
    const lost = (why: string) => {
      if (this.#closing) return;
      this.#lostContact = true;
      this.#subscribed = false;
      if (!warned) options.log(`live: Redis unreachable (${why}); live events paused`);
      warned = true;
    };
    // ioredis says `ready` before it subscribes again: this instance counts as connected only once
    // its subscription holds, and only then reads its topics afresh (`reconnected`).
    const ready = () => {
      if (this.#commands.status !== 'ready' || this.#listener.status !== 'ready') return;
      if (this.#subscribed || subscribing) return;
      subscribing = true;
      this.#listener.subscribe(this.#channel).then(
        () => {
          subscribing = false;
          this.#subscribed = true;
          if (this.#lostContact) options.log('live: Redis answers again; clients are told to refetch');
          this.#lostContact = false;
          warned = false;
          this.#handlers?.reconnected();
        },
        () => {
          subscribing = false;
          lost('subscribe failed');
        },
      );
    };
    for (const connection of [this.#commands, this.#listener]) {
      connection.on('error', (error: Error) => lost(error.message));
      connection.on('close', () => lost('connection closed'));
      connection.on('ready', ready);
    }
    this.#listener.on('message', (_channel: string, message: string) => this.#receive(message));
  }

  start(handlers: BusHandlers): void {
    this.#handlers = handlers;
  }

  /** Revocations made on the other instances. */
  onRevocation(listener: (revocation: SharedRevocation) => void): void {
    this.#onRevocation = listener;
  }

  /** Connected, and receiving the channel. */
  get healthy(): boolean {
    return this.#subscribed && this.#commands.status === 'ready' && this.#listener.status === 'ready';
  }

  #key(kind: string, topic: string): string {
    return `${this.#prefix}${kind}:${topic}`;
  }

  #receive(message: string): void {
    const handlers = this.#handlers;
    if (!handlers) return;
    const kind = message[0];
    if (kind === 'e') {
      // e <seq> <topic> <frame>: topics contain no space (contract/live.ts).
      const afterSeq = message.indexOf(' ', 2);
      const afterTopic = message.indexOf(' ', afterSeq + 1);
      handlers.frame(
        message.slice(afterSeq + 1, afterTopic),
        toBusFrame(Number(message.slice(2, afterSeq)), message.slice(afterTopic + 1)),
      );
    } else if (kind === 'p') {
      handlers.presence(message.slice(2));
    } else if (kind === 'r') {
      const afterOrigin = message.indexOf(' ', 2);
      if (message.slice(2, afterOrigin) === this.instanceId) return;
      this.#onRevocation?.(JSON.parse(message.slice(afterOrigin + 1)) as SharedRevocation);
    }
  }

  /**
   * `eventJson` is the event serialised once; Redis wraps it into the frame every client gets.
   * `variantsJson` (may be empty) travels beside it for the instances to frame per audience.
   */
  async publish(topic: string, eventJson: string, variantsJson = ''): Promise<number> {
    const commands = this.#commands as Redis & {
      livePublish(...args: (string | number)[]): Promise<number>;
    };
    return commands.livePublish(
      this.#key('seq', topic),
      this.#key('replay', topic),
      topic,
      JSON.stringify(topic),
      eventJson,
      this.#keep,
      this.#replayTtlSeconds,
      this.#channel,
      Date.now(),
      variantsJson,
    );
  }

  async snapshot(topic: string): Promise<{ seq: number; recent: BusFrame[] }> {
    const commands = this.#commands as Redis & {
      liveSnapshot(...args: string[]): Promise<[number, string[]]>;
    };
    const [seq, entries] = await commands.liveSnapshot(
      this.#key('seq', topic),
      this.#key('replay', topic),
      String(Date.now()),
    );
    return { seq, recent: entries.map(parseEntry) };
  }

  /** Writes this instance's count of people on a topic (0 removes it), and tells every instance. */
  async setPresence(topic: string, count: number, notify: boolean): Promise<void> {
    const key = this.#key('presence', topic);
    const batch = this.#commands.multi();
    if (count === 0) batch.hdel(key, this.instanceId);
    else {
      batch.hset(key, this.instanceId, `${count}:${Date.now() + this.#presenceTtlMs}`);
      batch.pexpire(key, this.#presenceTtlMs * 2);
    }
    if (notify) batch.publish(this.#channel, `p ${topic}`);
    await batch.exec();
  }

  /** People on a topic across live instances; a stopped instance's count expires with its heartbeat. */
  async presenceTotal(topic: string): Promise<number> {
    const key = this.#key('presence', topic);
    const counts = await this.#commands.hgetall(key);
    const now = Date.now();
    let total = 0;
    for (const [instance, value] of Object.entries(counts)) {
      const [count = '0', expiresAt = '0'] = value.split(':');
      if (Number(expiresAt) < now) {
        void this.#commands.hdel(key, instance).catch(() => {});
        continue;
      }
      total += Number(count);
    }
    return total;
  }

  async publishRevocation(revocation: SharedRevocation): Promise<void> {
    await this.#commands.publish(this.#channel, `r ${this.instanceId} ${JSON.stringify(revocation)}`);
  }

  async close(): Promise<void> {
    this.#closing = true;
    this.#handlers = null;
    this.#commands.disconnect();
    this.#listener.disconnect();
  }
}
