import { EventEmitter } from 'node:events';

/** Someone no longer belongs to a circle (they left, or were removed, from it or its community). */
export interface Revocation {
  circleId: string;
  userId: string;
}

/**
 * Tells the open connections of this process that a person lost access to a circle, so the live
 * topics and the shared notes they had open close at once instead of at their next reconnect.
 */
export class AccessRevocations {
  readonly #events = new EventEmitter();

  revoke(revocation: Revocation): void {
    this.#events.emit('revoked', revocation);
  }

  onRevoke(listener: (revocation: Revocation) => void): () => void {
    this.#events.on('revoked', listener);
    return () => this.#events.off('revoked', listener);
  }
}
