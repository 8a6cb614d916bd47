/** A session opened through the OpenID Connect provider, with what logging out there needs. */
export interface OidcSessionsTable {
  sessionId: string;
  /** The ID token the provider issued at this sign-in: the `id_token_hint` of its logout. */
  idToken: string;
  createdAt: string | Date;
}

declare module '../../db/schema.ts' {
  interface DB {
    oidcSessions: OidcSessionsTable;
  }
}
