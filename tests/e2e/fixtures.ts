import { execFile } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { AxeBuilder } from '@axe-core/playwright';
import { test as base, expect, type Locator, type Page } from '@playwright/test';

let counter = 0;

/** Registered first by global-setup.ts, so the instance admin. */
export const instanceAdmin = {
  name: 'Admin Archipel',
  email: 'admin@archipel.test',
  password: 'administrer les cercles',
};

export interface Person {
  name: string;
  email: string;
  password: string;
}

/** A person nobody has registered yet in this run. */
export function newPerson(firstName: string): Person {
  counter += 1;
  const unique = `${Date.now().toString(36)}${counter}`;
  return {
    name: `${firstName} Test`,
    email: `${firstName.toLowerCase()}.${unique}@example.org`,
    password: 'un cercle bienveillant',
  };
}

/** The folder that screenshots to look at go to (`E2E_SCREENSHOTS=dir npm run test:e2e`). */
export const screenshotsDir = process.env.E2E_SCREENSHOTS;

/**
 * A screenshot to look at, taken only when E2E_SCREENSHOTS names a folder: a full-page screenshot
 * costs the browser a second of CPU, which every run would otherwise pay for nobody.
 */
export async function lookAt(target: Page | Locator, name: string, { fullPage = false } = {}): Promise<void> {
  if (!screenshotsDir) return;
  mkdirSync(screenshotsDir, { recursive: true });
  const path = join(screenshotsDir, `${name}.png`);
  await ('goto' in target ? target.screenshot({ path, fullPage }) : target.screenshot({ path }));
}

/**
 * Fails on any serious or critical axe-core violation (WCAG 2.1 A/AA rules), naming them.
 *
 * In axe's legacy mode the rules run in the page itself; the default mode opens a blank page per
 * check to gather the frames' results, which costs 1.3 core-seconds a check here against 0.5
 * (113 checks in the suite). It only matters for cross-origin frames, and Archipel has no frames.
 */
export async function expectAccessible(page: Page, label: string): Promise<void> {
  const results = await new AxeBuilder({ page })
    .setLegacyMode(true)
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  const serious = results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map(
      (violation) =>
        `${violation.id} (${violation.impact}): ${violation.nodes.map((n) => n.target.join(' ')).join(', ')}`,
    );
  expect(serious, `axe on ${label}`).toEqual([]);
}

/** Collects Content-Security-Policy violations and page errors, which must stay empty. */
export const test = base.extend<{ pageProblems: string[] }>({
  pageProblems: async ({ page }, use) => {
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error' && /Content Security Policy/i.test(message.text())) {
        problems.push(`CSP: ${message.text()}`);
      }
    });
    await use(problems);
  },
});

export { expect };

/**
 * What the operator does on the machine when there is no SMTP server: `archipel sign-in-link`,
 * on the instance's own database. Returns the printed link.
 */
export async function operatorSignInLink(baseURL: string, email: string): Promise<string> {
  // `node` as the webServer command finds it: the pinned Node 24 under npm scripts.
  const { stdout } = await promisify(execFile)('node', ['src/cli/main.ts', 'sign-in-link', email], {
    env: { ...process.env, DATA_DIR: process.env.E2E_DATA_DIR, PUBLIC_URL: baseURL, DATABASE_URL: '' },
  });
  return stdout.trim();
}
