import { Redis as HocuspocusRedis } from '@hocuspocus/extension-redis';
import { Redis } from 'ioredis';

/**
 * Shares the open notes documents of every instance through Redis, with Hocuspocus' own extension:
 * an instance that applies an edit (or an awareness change) publishes it on the document's channel,
 * the others apply it and pass it to their own editors; an instance opening a document already open
 * elsewhere asks the others for what it lacks before its editors sync. Edits that arrive through
 * Redis are neither logged again (the instance that received them from its editor logged them before
 * acknowledging) nor stored by their receiver (Hocuspocus skips the store hooks for them).
 *
 * The extension's own store lock is left out (decision 042): compaction reads and writes only the
 * database, under the owner's row lock (notes-store.ts), so two instances compacting one document
 * are serialised by the database. The Redis lock would only add ways to skip a compaction: the
 * instance finding it taken drops its store (with a line on stderr), and every store is dropped
 * while Redis is away.
 */
class SharedNotesRedis extends HocuspocusRedis {
  override async onStoreDocument(): Promise<void> {}
  override async afterStoreDocument(): Promise<void> {}
}

export function createNotesRedis(options: { url: string; prefix: string; log: (message: string) => void }) {
  let warned = false;
  let clients = 0;
  return new SharedNotesRedis({
    prefix: `${options.prefix}notes`,
    // The extension asks for its publishing connection first, then its subscriber.
    createClient: () => {
      const isSubscriber = clients++ > 0;
      // Our ioredis, from the URL as operators write it (rediss://, password, database number).
      // Publishing fails fast while Redis is away (nothing piles up; peers catch up on the next
      // change). Subscribing waits for it instead: the extension subscribes its reply channel once,
      // at start, and a document's channel before the document opens, so a notes document opened
      // during an outage waits for Redis rather than failing for good.
      const client = new Redis(options.url, { maxRetriesPerRequest: isSubscriber ? null : 1 });
      client.on('error', (error: Error) => {
        if (!warned) options.log(`notes: Redis unreachable (${error.message}); notes stay per instance`);
        warned = true;
      });
      client.on('ready', () => {
        warned = false;
      });
      return client;
    },
  });
}
