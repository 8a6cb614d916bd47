import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, registerUser } from '../testing/test-app.ts';

/** A real SMTP peer: the app talks SMTP to it exactly as to a production relay. */
describe('mail over SMTP', () => {
  const received: { to: string[]; raw: string }[] = [];
  let server: SMTPServer;
  let port = 0;

  beforeAll(async () => {
    server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      onData(stream, session, callback) {
        let raw = '';
        stream.on('data', (chunk: Buffer) => {
          raw += chunk.toString('utf8');
        });
        stream.on('end', () => {
          received.push({ to: session.envelope.rcptTo.map((r) => r.address), raw });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('delivers the magic link through SMTP_URL and keeps nothing in the outbox', async () => {
    const t = await createTestApp('sqlite', { SMTP_URL: `smtp://127.0.0.1:${port}` });
    try {
      const user = await registerUser(t.app);
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/magic-link',
        payload: { email: user.email },
      });
      expect(response.statusCode).toBe(202);
      // After the address check that registration sent.
      const mail = received.findLast((m) => m.to.includes(user.email));
      expect(mail?.raw).toMatch(/Subject: =\?UTF-8\?|Subject: Votre lien/);
      // The body travels quoted-printable: undo soft line breaks and the encoded '='.
      const body = (mail?.raw ?? '').replace(/=\r\n/g, '').replace(/=3D/g, '=');
      expect(body).toContain('http://archipel.test/sign-in/link?token=');
      const outbox = await t.database.db.selectFrom('outboxMessages').selectAll().execute();
      expect(outbox).toHaveLength(0);
    } finally {
      await t.close();
    }
  });
});
