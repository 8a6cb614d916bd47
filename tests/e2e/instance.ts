/**
 * The e2e instance's auth secret (set by playwright.config.ts): specs sign the unsubscribe links
 * that only recipients' mailboxes hold, since the outbox shows them redacted.
 */
export const e2eAuthSecret = 'e2e-secret-e2e-secret-e2e-secret-0123';

/** The test OpenID Connect provider's client, registered by global-setup.ts (oidc-provider). */
export const e2eOidc = {
  clientId: 'archipel-e2e',
  clientSecret: 'e2e-oidc-secret-e2e-oidc-secret',
  label: 'Agents Connect',
};

export const e2eOidcIssuer = (port: number) => `http://127.0.0.1:${port}`;
