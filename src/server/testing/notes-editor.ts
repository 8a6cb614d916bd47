import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import { TEST_ORIGIN, type TestUser } from './test-app.ts';

/** Polls until the check holds (the notes are live: what a test waits for arrives by itself). */
export async function until(check: () => boolean, ms = 15_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/**
 * A Node editor: the browser's provider, with the signed-in cookie on the handshake. It gives up
 * after one failed connection unless told to `reconnect` as the browser does (behind a load
 * balancer, a reconnection may reach another instance).
 */
export function openNotes(
  url: string,
  sessionId: string,
  user: Pick<TestUser, 'cookie'>,
  documentName = `session:${sessionId}`,
  options: { origin?: string; reconnect?: boolean } = {},
) {
  const origin = options.origin ?? TEST_ORIGIN;
  class CookieSocket extends WebSocket {
    constructor(address: string, protocols?: string | string[]) {
      super(address, protocols, { headers: { cookie: user.cookie, origin } });
    }
  }
  const doc = new Y.Doc();
  const events = { failed: false, synced: false, closed: false, closeReasons: [] as string[] };
  const websocketProvider = new HocuspocusProviderWebsocket({
    url,
    WebSocketPolyfill: CookieSocket,
    ...(options.reconnect ? { delay: 100, minDelay: 50, maxDelay: 1000 } : { maxAttempts: 1 }),
  });
  const provider = new HocuspocusProvider({
    websocketProvider,
    name: documentName,
    document: doc,
    token: 'cookie',
    onAuthenticationFailed: () => {
      events.failed = true;
    },
    onSynced: () => {
      events.synced = true;
    },
    // The server let this document go (access lost, or the document refused).
    onClose: ({ event }) => {
      events.closed = true;
      events.closeReasons.push(event.reason);
    },
  });
  // A provider given its own socket does not attach by itself.
  provider.attach();
  return {
    doc,
    provider,
    events,
    close: () => {
      provider.destroy();
      websocketProvider.destroy();
    },
  };
}
