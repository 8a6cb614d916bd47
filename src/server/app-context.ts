import type { Kysely } from 'kysely';
import type { Auth } from './auth/auth.ts';
import type { Database } from './db/database.ts';
import type { DB } from './db/schema.ts';
import type { Env } from './env.ts';
import type { Leaving, PersonColumn } from './features/feature-descriptor.ts';
import type { ViewerResolver } from './http/viewer.ts';
import type { AccessRevocations } from './live/access-revocations.ts';
import type { LiveHub } from './live/live-hub.ts';
import type { Mailer } from './mail/mailer.ts';

/** What every feature's routes receive: explicit dependencies, no globals. */
export interface AppContext {
  db: Kysely<DB>;
  database: Database;
  env: Env;
  auth: Auth;
  mailer: Mailer;
  viewers: ViewerResolver;
  /** Publishes what happened to the people following a topic, after the write has committed. */
  live: LiveHub;
  /** Closes the live and notes connections of people who lose access to a circle. */
  revocations: AccessRevocations;
  version: string;
  /** The features' hooks that the leaving commands run inside their transaction (registry.ts). */
  leaving: Leaving;
  /** The columns of the features' own tables that name a person (registry.ts), for claims. */
  personColumns: readonly PersonColumn[];
}
