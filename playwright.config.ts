import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from '@playwright/test';
import { e2eAuthSecret, e2eOidc, e2eOidcIssuer } from './tests/e2e/instance.ts';

/**
 * A free port, found once by the runner and handed to its workers through the environment (they
 * load this file again): two runs side by side never meet on one port.
 */
function freePort(variable: string): number {
  if (process.env[variable]) return Number(process.env[variable]);
  const probe = spawnSync(
    process.execPath,
    [
      '-e',
      "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})",
    ],
    { encoding: 'utf8' },
  );
  const port = Number(probe.stdout.trim());
  if (!Number.isInteger(port) || port <= 0) throw new Error(`no free port found: ${probe.stderr}`);
  process.env[variable] = String(port);
  return port;
}

const port = freePort('E2E_PORT');
// The OpenID Connect provider the instance signs in through (global-setup.ts starts it, on this
// port, before the first sign-in: the app discovers it on first use).
const oidcIssuer = e2eOidcIssuer(freePort('E2E_OIDC_PORT'));
const baseURL = `http://127.0.0.1:${port}`;
// A fresh instance per run: its own SQLite file, demo data, a known first account. The workers
// read the config again: the variable keeps them on the same directory (the operator's command
// in the specs opens its database), and they know the instance's secret (unsubscribe links, which
// the outbox does not show).
const dataDir = process.env.E2E_DATA_DIR ?? mkdtempSync(join(tmpdir(), 'archipel-e2e-'));
process.env.E2E_DATA_DIR = dataDir;

export default defineConfig({
  testDir: 'tests/e2e',
  globalSetup: './tests/e2e/global-setup.ts',
  // Limits for a busy machine (two cores, another test run beside this one): a step that waits
  // for the server or the browser may take several times its quiet duration. They catch hangs, not
  // slowness; no retries, so a failure is always seen.
  timeout: 120_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  // Two browsers at once on one server (the whole suite 6.8 → 2 minutes): specs make their own
  // people, communities and circles; the demo is only read, except by claim-demo.spec.ts, whose
  // steps run in order in one worker and change nothing the others read (a planned session, who
  // animates it, Bernard's claim).
  workers: 2,
  forbidOnly: true,
  retries: 0,
  reporter: [['list']],
  use: {
    baseURL,
    locale: 'fr-FR',
    trace: 'off',
    screenshot: 'only-on-failure',
    launchOptions: {
      // Debian's Chromium; never a browser downloaded by Playwright.
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
  projects: [{ name: 'chromium', use: { browserName: 'chromium' } }],
  webServer: {
    command: 'node src/cli/main.ts serve',
    url: `${baseURL}/api/health`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: 'ignore',
    stderr: 'pipe',
    env: {
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      PUBLIC_URL: baseURL,
      LOG_LEVEL: 'warn',
      AUTH_RATE_LIMIT: '1000',
      AUTH_SECRET: e2eAuthSecret,
      ARCHIPEL_DEMO: '1',
      OIDC_ISSUER: oidcIssuer,
      OIDC_CLIENT_ID: e2eOidc.clientId,
      OIDC_CLIENT_SECRET: e2eOidc.clientSecret,
      OIDC_LABEL: e2eOidc.label,
    },
  },
});
