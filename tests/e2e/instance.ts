/**
 * The e2e instance's auth secret (set by playwright.config.ts): specs sign the unsubscribe links
 * that only recipients' mailboxes hold, since the outbox shows them redacted.
 */
export const e2eAuthSecret = 'e2e-secret-e2e-secret-e2e-secret-0123';
