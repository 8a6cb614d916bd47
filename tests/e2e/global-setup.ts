import type { FullConfig } from '@playwright/test';
import { startTestOidcProvider } from '../../src/server/testing/oidc-test-provider.ts';
import { instanceAdmin } from './fixtures.ts';
import { e2eOidc } from './instance.ts';

/**
 * Runs once the server is up (Playwright starts webServer first): registers the instance's first
 * account, which therefore becomes its admin, so specs can use the admin screens; starts the
 * OpenID Connect provider the instance is configured with, until the run ends.
 */
export default async function globalSetup(config: FullConfig): Promise<() => Promise<void>> {
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

  // Anyone may sign in at this provider with an address as login (any password): a verified
  // address, named from its local part ("camille.durand…@…" → Camille Durand…).
  const provider = await startTestOidcProvider({
    port: Number(process.env.E2E_OIDC_PORT),
    client: { id: e2eOidc.clientId, secret: e2eOidc.clientSecret },
    redirectUris: [`${baseURL}/api/v1/auth/oidc/callback`],
    postLogoutRedirectUris: [`${baseURL}/`],
    accountFor: (login) => {
      if (!login.includes('@')) return undefined;
      const [given = 'Agent', family = 'Public'] = (login.split('@')[0] ?? '').split('.');
      const capital = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);
      return { email: login, email_verified: true, given_name: capital(given), usual_name: capital(family) };
    },
  });
  return () => provider.close();
}
