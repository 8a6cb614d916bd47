import { EventEmitter } from 'node:events';
import type { RedisLiveBus } from './redis-bus.ts';

/**
 * Someone no longer belongs to a circle (they left, or were removed, from it or its community), or
 * signed out: `circleId` is then EVERY_CIRCLE and their live connections close. Or the circle
 * became more private: `userId` is then EVERYONE, and every connection following it checks again.
 */
export interface Revocation {
  circleId: string;
  userId: string;
}

/** A deleted object's topic (`board:<id>`): everyone following it, on every instance, drops it. */
export interface TopicClosure {
  topic: string;
}

/** A person's role changed (in a circle or a community): their live topics are authorised again. */
export interface RoleChange {
  roleChanged: string;
}

/** What travels between instances on the revocation channel. */
export type SharedRevocation = Revocation | TopicClosure | RoleChange;

/** The revocation's circle when a person signed out: every connection they hold ends. */
export const EVERY_CIRCLE = '*';

/**
 * The revocation's person when a circle became more private: who lost sight of it is not known
 * (anyone signed in could follow a public circle), so each connection on it authorises it again.
 */
export const EVERYONE = '*';

/**
 * Tells the open connections that a person lost access to a circle, so the live topics and the
 * shared notes they had open close at once instead of at their next reconnect. With Redis, every
 * instance hears it: this one at once, the others through the shared channel.
 */
export class AccessRevocations {
  readonly #events = new EventEmitter();
  readonly #bus: RedisLiveBus | undefined;
  readonly #log: (message: string) => void;

  constructor(options: { bus?: RedisLiveBus; log?: (message: string) => void } = {}) {
    this.#bus = options.bus;
    this.#log = options.log ?? (() => {});
    this.#events.setMaxListeners(0);
    this.#bus?.onRevocation((shared) => {
      if ('topic' in shared) this.#events.emit('closed', shared.topic);
      else if ('roleChanged' in shared) this.#events.emit('role', shared.roleChanged);
      else this.#events.emit('revoked', shared);
    });
  }

  revoke(revocation: Revocation): void {
    this.#events.emit('revoked', revocation);
    this.#bus?.publishRevocation(revocation).catch((error: Error) => {
      this.#log(`live: revocation not shared with the other instances (${error.message})`);
    });
  }

  onRevoke(listener: (revocation: Revocation) => void): () => void {
    this.#events.on('revoked', listener);
    return () => this.#events.off('revoked', listener);
  }

  /**
   * The object behind a topic was deleted: its followers get NOT_FOUND for it and their notes
   * connections to it close, as if they had lost access. Call after the deletion committed.
   */
  closeTopic(topic: string): void {
    this.#events.emit('closed', topic);
    this.#bus?.publishRevocation({ topic }).catch((error: Error) => {
      this.#log(`live: topic closure not shared with the other instances (${error.message})`);
    });
  }

  onTopicClosed(listener: (topic: string) => void): () => void {
    this.#events.on('closed', listener);
    return () => this.#events.off('closed', listener);
  }

  /**
   * Someone's role changed: their live connections authorise their topics again, so one who no
   * longer steers an object stops receiving what only its stewards receive (decision 043).
   */
  roleChanged(userId: string): void {
    this.#events.emit('role', userId);
    this.#bus?.publishRevocation({ roleChanged: userId }).catch((error: Error) => {
      this.#log(`live: role change not shared with the other instances (${error.message})`);
    });
  }

  onRoleChanged(listener: (userId: string) => void): () => void {
    this.#events.on('role', listener);
    return () => this.#events.off('role', listener);
  }
}
