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

/** A port free now: a fixed one met the same test of another run beside this one (a 409 from its server). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

// Starting the server (type stripping, migrations) may take long on a busy machine: the limit
// catches a server that never answers, not a slow one.
const startLimitMs = 120_000;

async function start(port: number, dataDir: string): Promise<ChildProcess> {
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
  let exited = false;
  child.once('exit', () => {
    exited = true;
  });
  const deadline = Date.now() + startLimitMs;
  while (!exited && Date.now() < deadline) {
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
  throw new Error(exited ? 'server exited before answering' : 'server did not answer in time');
}

test('notes typed in the browser survive kill -9 of the server and a restart', async ({
  page,
  pageProblems,
}) => {
  test.setTimeout(3 * startLimitMs);
  const dataDir = mkdtempSync(join(tmpdir(), 'archipel-e2e-restart-'));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  let server = await start(port, dataDir);
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
    server = await start(port, dataDir);

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
