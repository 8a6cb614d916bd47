import type { FullConfig } from '@playwright/test';
import { instanceAdmin } from './fixtures.ts';

/**
 * Runs once the server is up (Playwright starts webServer first): registers the instance's first
 * account, which therefore becomes its admin, so specs can use the admin screens.
 */
export default async function globalSetup(config: FullConfig): Promise<void> {
  const baseURL = config.projects[0]?.use.baseURL;
  if (!baseURL) throw new Error('baseURL is not configured');
  const response = await fetch(`${baseURL}/api/v1/auth/register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(instanceAdmin),
  });
  const body = await response.json();
  if (response.status !== 201 || body.user?.isAdmin !== true) {
    throw new Error(`the first account did not become admin: ${response.status} ${JSON.stringify(body)}`);
  }
}
