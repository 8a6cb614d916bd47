/**
 * What a cold visit costs on the wire, measured in Debian's Chromium: the bytes each screen
 * transfers (compressed, headers included, as the DevTools protocol counts them) and its number of
 * requests, with an empty cache, from the first byte to the network falling idle.
 *
 *   npm run build && npm run bench:wire
 *   WIRE_URLS=1 npm run bench:wire     # also prints each request's path, screen by screen
 *
 * Budgets (exit 1 above any): the signed-out home page ≤ 200 KB; every screen ≤ 500 KB, ≤ 30
 * requests (RGESN) and ≤ 150 KB of JavaScript (PRODUCT.md's first-load budget, as sent); the home
 * page's JavaScript held at ≤ 110 KB (issue 10's target; 108.9 KB since the home page rides in
 * the first-load chunk: it must not creep back). The same run prints what the home page would cost uncompressed, the
 * yardstick that shows the compression at work.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, type BrowserContext, chromium } from '@playwright/test';

const HOME_BUDGET_KB = 200;
const SCREEN_BUDGET_KB = 500;
const SCREEN_BUDGET_REQUESTS = 30;
/**
 * PRODUCT.md: first-load JavaScript of a screen ≤ 150 KB, here as compressed on the wire. Held on
 * the home page, tighter than PRODUCT.md's: issue 10's 110 KB (108.9 KB since the home page joined
 * the first-load chunk, docs/performance.md); the other screens print their figure.
 */
const SCRIPT_BUDGET_KB = 110;
const root = new URL('../', import.meta.url).pathname;
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const account = {
  name: 'Mesure Réseau',
  email: 'wire@archipel.test',
  password: 'mesurer le poids des pages',
};

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

async function startServer(port: number, dataDir: string): Promise<ChildProcess> {
  const server = spawn(process.execPath, ['src/cli/main.ts', 'serve'], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      LOG_LEVEL: 'warn',
      ARCHIPEL_DEMO: '1',
      DATABASE_URL: '',
    },
  });
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`the server exited with ${server.exitCode}`);
    const ok = await fetch(`http://127.0.0.1:${port}/api/health`).then(
      (response) => response.ok,
      () => false,
    );
    if (ok) return server;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('the server did not answer within 60 s');
}

interface Visit {
  screen: string;
  bytes: number;
  /** JavaScript alone, compressed as sent: the first-load JS of the screen. */
  scriptBytes: number;
  requests: number;
}

/** Visits one URL in a fresh context (empty cache) and sums what crossed the wire. */
async function visit(
  context: BrowserContext,
  screen: string,
  url: string,
  extraHeaders = {},
): Promise<Visit> {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  if (Object.keys(extraHeaders).length > 0)
    await cdp.send('Network.setExtraHTTPHeaders', { headers: extraHeaders });
  let bytes = 0;
  let scriptBytes = 0;
  let requests = 0;
  const scripts = new Set<string>();
  cdp.on('Network.requestWillBeSent', (event) => {
    if (process.env.WIRE_URLS) console.log('   ', screen, event.request.url.replace(/^http:..[^/]+/, ''));
    requests += 1;
  });
  cdp.on('Network.responseReceived', (event) => {
    if (event.type === 'Script') scripts.add(event.requestId);
  });
  cdp.on('Network.loadingFinished', (event) => {
    bytes += event.encodedDataLength;
    if (scripts.has(event.requestId)) scriptBytes += event.encodedDataLength;
  });
  await page.goto(url, { waitUntil: 'networkidle' });
  // A screen counts once it shows its title: a blank or failed page would measure nothing.
  await page.getByRole('heading', { level: 1 }).first().waitFor({ timeout: 15_000 });
  await page.waitForLoadState('networkidle');
  if (process.env.WIRE_SCREENSHOTS) {
    await page.screenshot({ path: join(process.env.WIRE_SCREENSHOTS, `${screen.replace(/\W+/g, '-')}.png`) });
  }
  await page.close();
  return { screen, bytes, scriptBytes, requests };
}

async function signedInContext(browser: Browser, baseURL: string): Promise<BrowserContext> {
  const context = await browser.newContext({ baseURL, locale: 'fr-FR' });
  const response = await context.request.post('/api/v1/auth/login', {
    data: { email: account.email, password: account.password },
  });
  if (!response.ok()) throw new Error(`login failed: ${response.status()} ${await response.text()}`);
  return context;
}

async function demoUrls(context: BrowserContext): Promise<Record<string, string>> {
  const slug = 'riposte-creative-territoriale';
  const community = await (await context.request.get(`/api/v1/communities/${slug}`)).json();
  const circles = await (await context.request.get(`/api/v1/communities/${slug}/circles`)).json();
  const team =
    circles.items.find((circle: { kind: string }) => circle.kind === 'animation_team') ?? circles.items[0];
  const sessions = await (await context.request.get(`/api/v1/circles/${team.id}/sessions`)).json();
  const session = sessions.items[0];
  if (!community || !team || !session) throw new Error('the demo community is missing');
  return {
    community: `/c/${slug}`,
    'community map': `/c/${slug}/map`,
    circle: `/circles/${team.id}`,
    session: `/sessions/${session.id}`,
    'my actions': '/my-actions',
  };
}

if (!existsSync(join(root, 'dist', 'web', 'index.html'))) {
  console.error('dist/web is missing: run `npm run build` first');
  process.exit(2);
}
const port = await freePort();
const baseURL = `http://127.0.0.1:${port}`;
const dataDir = mkdtempSync(join(tmpdir(), 'archipel-wire-'));
const server = await startServer(port, dataDir);
let failed = false;
try {
  const registered = await fetch(`${baseURL}/api/v1/auth/register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(account),
  });
  if (registered.status !== 201) throw new Error(`register failed: ${registered.status}`);
  const browser = await chromium.launch({
    executablePath,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  try {
    const visits: Visit[] = [];
    const anonymous = await browser.newContext({ baseURL, locale: 'fr-FR' });
    const home = await visit(anonymous, 'home, signed out', '/');
    visits.push(home);
    visits.push(await visit(anonymous, 'sign-in', '/sign-in'));
    const identity = await visit(anonymous, 'home, uncompressed (yardstick)', '/', {
      'Accept-Encoding': 'identity',
    });
    await anonymous.close();
    const member = await signedInContext(browser, baseURL);
    visits.push(await visit(member, 'home, signed in', '/'));
    for (const [screen, url] of Object.entries(await demoUrls(member))) {
      visits.push(await visit(member, screen, url));
    }
    await member.close();

    const kb = (n: number) => (n / 1024).toFixed(1);
    console.log('cold visit in Chromium (empty cache), bytes on the wire');
    console.log('  total KB   JS KB  requests  screen');
    for (const row of [...visits, identity]) {
      console.log(
        `${kb(row.bytes).padStart(10)} ${kb(row.scriptBytes).padStart(7)}  ${String(row.requests).padStart(8)}  ${row.screen}`,
      );
    }
    if (home.bytes / 1024 > HOME_BUDGET_KB) {
      console.log(`over budget: the signed-out home page transfers more than ${HOME_BUDGET_KB} KB`);
      failed = true;
    }
    for (const row of visits) {
      const isOver =
        row.bytes / 1024 > SCREEN_BUDGET_KB ||
        (row.screen.startsWith('home') && row.scriptBytes / 1024 > SCRIPT_BUDGET_KB) ||
        row.requests > SCREEN_BUDGET_REQUESTS;
      if (isOver) {
        console.log(
          `over budget: ${row.screen} (≤ ${SCREEN_BUDGET_KB} KB, ≤ ${SCREEN_BUDGET_REQUESTS} requests; home: JS ≤ ${SCRIPT_BUDGET_KB} KB)`,
        );
        failed = true;
      }
    }
    console.log(
      `budgets: home ≤ ${HOME_BUDGET_KB} KB and JS ≤ ${SCRIPT_BUDGET_KB} KB; every screen ≤ ${SCREEN_BUDGET_KB} KB and ≤ ${SCREEN_BUDGET_REQUESTS} requests`,
    );
  } finally {
    await browser.close();
  }
} finally {
  server.kill('SIGTERM');
  rmSync(dataDir, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
