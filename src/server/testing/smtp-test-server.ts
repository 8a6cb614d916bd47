import type { AddressInfo } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  to: string[];
  parsed: ParsedMail;
  raw: string;
}

export interface SmtpTestServer {
  url: string;
  received: ReceivedMail[];
  /**
   * Resolves once `count` messages have been accepted (or rejects after the timeout, a limit that
   * catches a hang). Once a mail job has run, what it sent is already here: the server records a
   * message before answering 250, and the job ends only after that answer.
   */
  waitFor(count: number, timeoutMs?: number): Promise<ReceivedMail[]>;
  close(): Promise<void>;
}

/**
 * Every registration mails an address check: the notification tests neither count nor wait for
 * those (the account tests read them through TestApp.lastMailTo).
 */
const isAddressCheck = (raw: string) =>
  /^Subject: (?:Confirmez votre adresse pour Archipel|Confirm your address for Archipel)\r?$/m.test(raw);

/**
 * A real SMTP peer for tests. Like a real relay, a message counts as accepted only when the server
 * answers 250 on a live connection: if the client went away while the server was still busy with
 * the message (the `delayMs` pause), the message is dropped, as the sender never learnt it arrived.
 * `onData` runs once per message as it arrives, before the pause, and is awaited (the kill test
 * strikes there and holds the answer until the sender is dead).
 */
export async function startSmtpTestServer(
  options: {
    delayMs?: number;
    /** `closed` resolves once the sending connection is seen closed (a client killed mid-message). */
    onData?: (count: number, connection: { closed(): Promise<void> }) => void | Promise<void>;
  } = {},
): Promise<SmtpTestServer> {
  const received: ReceivedMail[] = [];
  const closed = new Set<string>();
  const closeWaiters = new Map<string, () => void>();
  const closedPromise = (id: string) =>
    closed.has(id) ? Promise.resolve() : new Promise<void>((resolve) => closeWaiters.set(id, resolve));
  let arrivals = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onClose(session) {
      closed.add(session.id);
      closeWaiters.get(session.id)?.();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', async () => {
        if (isAddressCheck(Buffer.concat(chunks).toString('utf8'))) {
          callback();
          return;
        }
        arrivals += 1;
        await options.onData?.(arrivals, { closed: () => closedPromise(session.id) });
        if (options.delayMs) await new Promise((resolve) => setTimeout(resolve, options.delayMs));
        if (closed.has(session.id)) {
          callback(new Error('connection lost before acceptance'));
          return;
        }
        const raw = Buffer.concat(chunks).toString('utf8');
        received.push({
          to: session.envelope.rcptTo.map((r) => r.address),
          parsed: await simpleParser(raw),
          raw,
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    async waitFor(count, timeoutMs = 60_000) {
      const deadline = Date.now() + timeoutMs;
      while (received.length < count) {
        if (Date.now() > deadline) throw new Error(`expected ${count} mails, got ${received.length}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      return received;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** beforeAll/afterAll helpers for a describe block. */
export function smtpTestServerFor(options: Parameters<typeof startSmtpTestServer>[0] = {}) {
  let server: SmtpTestServer | undefined;
  return {
    async start() {
      server = await startSmtpTestServer(options);
    },
    server(): SmtpTestServer {
      if (!server) throw new Error('SMTP test server not started');
      return server;
    },
    stop: () => server?.close(),
  };
}
