import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, newPerson, test } from './fixtures.ts';

/**
 * The notes survive a crash of the server: this test runs its own server process (the shared one
 * of the other specs must not be killed), types in the notes, kills it with SIGKILL, restarts it
 * and reads the notes back in the browser.
 */

/** A port nobody listens on now: two test runs side by side never meet on a fixed one. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject()));
    });
  });
}

async function start(dataDir: string, port: number): Promise<ChildProcess> {
  const base = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, ['src/cli/main.ts', 'serve'], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      PUBLIC_URL: base,
      ARCHIPEL_DEMO: '0',
      LOG_LEVEL: 'warn',
      AUTH_RATE_LIMIT: '1000',
      AUTH_SECRET: 'e2e-restart-secret-e2e-restart-secret-01',
    },
    stdio: 'ignore',
  });
  // A limit that catches a server that never starts, not a slow start on a busy machine.
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (
      await fetch(`${base}/api/health`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return child;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  child.kill('SIGKILL');
  throw new Error('server did not start');
}

test('notes typed in the browser survive kill -9 of the server and a restart', async ({
  page,
  pageProblems,
}) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'archipel-e2e-restart-'));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  let server = await start(dataDir, port);
  try {
    const person = newPerson('Sandrine');
    const call = async (method: string, path: string, data?: object) => {
      const response = await page.request.fetch(`${base}${path}`, {
        method,
        data,
        headers: { origin: base },
      });
      expect(response.status(), `${method} ${path}`).toBeLessThan(300);
      return response.json();
    };
    await call('POST', '/api/v1/auth/register', person);
    await call('POST', '/api/v1/communities', {
      name: 'Redémarrage',
      slug: 'redemarrage',
      joinPolicy: 'open',
    });
    const circle = await call('POST', '/api/v1/communities/redemarrage/circles', {
      name: 'Cercle des boussoles',
      kind: 'learning_circle',
      visibility: 'private',
    });
    const session = await call('POST', `/api/v1/circles/${circle.id}/sessions`, {
      title: 'Boussoles',
      startsAt: '2026-12-20T09:00:00+01:00',
      endsAt: '2026-12-20T10:00:00+01:00',
    });

    await page.goto(`${base}/sessions/${session.id}`);
    await page.getByRole('button', { name: 'Ouvrir les notes communes' }).click();
    const editor = page.getByRole('textbox', { name: 'Notes communes de la séance' });
    await editor.click();
    await page.keyboard.type('La boussole du Sud pointe vers la coopération.');
    await expect(page.getByText('Tout est enregistré.')).toBeVisible();

    server.kill('SIGKILL');
    await new Promise((resolve) => server.once('exit', resolve));
    server = await start(dataDir, port);

    await page.reload();
    await page.getByRole('button', { name: 'Ouvrir les notes communes' }).click();
    await expect(page.getByRole('textbox', { name: 'Notes communes de la séance' })).toContainText(
      'La boussole du Sud pointe vers la coopération.',
    );
    expect(pageProblems).toEqual([]);
  } finally {
    server.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  }
});
