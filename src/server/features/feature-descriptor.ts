import type { FastifyPluginAsync } from 'fastify';
import type { Kysely, Migration } from 'kysely';
import type { z } from 'zod';
import type { AppContext } from '../app-context.ts';
import type { DialectName } from '../db/database.ts';
import type { DB } from '../db/schema.ts';
import type { Env } from '../env.ts';
import type { Viewer } from '../http/viewer.ts';
import type { JobContext } from '../jobs/job-runner.ts';
import type { MailDeps, Recipient } from '../mail/mail-delivery.ts';
import type { MailKind } from '../mail/mail-jobs.ts';
import type { Locale } from '../mail/mail-templates.ts';
import type { SearchSource } from '../search/search-source.ts';

/** The settings a feature's tick may read (retention periods). */
export type TickEnv = Pick<Env, 'AUDIT_RETENTION_DAYS' | 'INACTIVE_MONTHS'>;

/** A routes plugin and where it is mounted (`/api/v1` for the API). */
export interface FeatureRoutes {
  plugin: (ctx: AppContext) => FastifyPluginAsync;
  prefix: string;
}

/**
 * Finds the scope of a live topic's object as the viewer may see it, or rejects (hidden or absent):
 * a circle id (its access can be revoked), or `community:<id>` for something community-wide.
 */
export type TopicResolver = (db: Kysely<DB>, id: string, viewer: Viewer) => Promise<string | TopicGrant>;

/**
 * A topic's scope with the follower's place in it: those who steer the object (facilitators) may
 * receive a fuller version of some events than the other followers (decision 043).
 */
export interface TopicGrant {
  scope: string;
  steward: boolean;
}

/** What a job handler may use besides its payload. */
export interface JobDeps {
  db: Kysely<DB>;
  mail: MailDeps;
}

/** A kind of background job with its payload schema: the handler gets the parsed payload. */
export interface JobKind<S extends z.ZodType = z.ZodType> {
  kind: string;
  payload: S;
  handle(payload: z.output<S>, context: JobContext, deps: JobDeps): Promise<void>;
}

/** Types the handler's payload from the schema (written inline in an array, it would widen). */
export function defineJob<S extends z.ZodType>(job: JobKind<S>): JobKind<S> {
  return job;
}

/** Runs inside the leaving transaction, after the person's standing is deleted. */
export type LeaveCircleHook = (
  trx: Kysely<DB>,
  input: { circleId: string; userId: string },
  leaving: Leaving,
) => Promise<void>;
/** Runs inside the leaving transaction, under the community lock, before the membership goes. */
export type LeaveCommunityHook = (
  trx: Kysely<DB>,
  input: { communityId: string; userId: string },
  leaving: Leaving,
) => Promise<void>;

/** Every feature's leaving hooks, run in registry order; what the leaving commands call. */
export interface Leaving {
  circle(trx: Kysely<DB>, input: { circleId: string; userId: string }): Promise<void>;
  community(trx: Kysely<DB>, input: { communityId: string; userId: string }): Promise<void>;
}

/**
 * A column of a feature's table that names a person (references users.id), so that merging a
 * placeholder into an account (placeholders/placeholder-merge.ts) covers it. With `keys`, the
 * table holds one row per person and those columns: where both had one, the account's stays.
 * Without, the column only says who did something and is rewritten.
 */
export interface PersonColumn {
  table: string;
  column: string;
  keys?: readonly string[];
}

/** What a feature's onTick may use besides the database and the time. */
export interface TickDeps {
  /** Every feature's leaving hooks (what the leaving commands run). */
  leaving: Leaving;
  /** The settings ticks read: AUDIT_RETENTION_DAYS, INACTIVE_MONTHS. */
  env: TickEnv;
}

export type DigestLine = { text: string; url?: string };
/** Lines for one reader's Monday digest; each must be one the reader may see now. */
export type DigestLines = (
  db: Kysely<DB>,
  input: { reader: Recipient; locale: Locale; publicUrl: string },
) => Promise<DigestLine[]>;

/**
 * Everything a feature plugs into the app, declared in one place (`features/<f>/<f>.feature.ts`)
 * and listed once in `features/registry.ts`. app.ts, the live routes, the job runner, the
 * migrator and the leaving commands read the registry; none of them names a feature.
 */
export interface FeatureDescriptor {
  /** The folder's name under src/server/features. */
  name: string;
  routes?: readonly FeatureRoutes[];
  /** Live topic kinds (`<kind>:<id>`) and how each is authorised on subscribe. */
  topics?: Readonly<Record<string, TopicResolver>>;
  /** Background job kinds this feature defines, with their handlers. */
  jobs?: readonly JobKind[];
  /** The mail job kinds of mail/mail-jobs.ts that report this feature's events. */
  mails?: readonly MailKind[];
  /**
   * Migrations this feature adds, by dated name (`YYYY-MM-DD-NNNN-<name>`), merged with the
   * frozen ones of db/migrations and run in name order.
   */
  migrations?: (dialect: DialectName) => Record<string, Migration>;
  onLeaveCircle?: LeaveCircleHook;
  onLeaveCommunity?: LeaveCommunityHook;
  /** The columns of this feature's own tables that name a person (see PersonColumn). */
  personColumns?: readonly PersonColumn[];
  /** Lines of the Monday digest's "open polls and sign-up sheets" part. */
  digestLines?: DigestLines;
  /**
   * Runs on the job runner's once-a-minute tick, on every instance: enqueue what is due at `now`
   * with deterministic job keys, so that any number of instances create each job once.
   */
  onTick?: (db: Kysely<DB>, now: Date, deps: TickDeps) => Promise<void>;
  /**
   * The kinds of objects of this feature that search finds (search/search-source.ts). Writes to
   * their tables mark them for the indexer through triggers (search's migration 0027 and later ones).
   */
  search?: readonly SearchSource[];
}

/**
 * A topic resolver from a finder that returns the object with its circle (rejecting when hidden).
 * A finder that says whether the viewer steers the object (`canSteer`) makes them a steward of the topic.
 */
export const inCircle =
  (
    find: (
      db: Kysely<DB>,
      id: string,
      viewer: Viewer,
    ) => Promise<{ circle: { id: string }; canSteer?: boolean }>,
  ): TopicResolver =>
  (db, id, viewer) =>
    find(db, id, viewer).then(({ circle, canSteer }) =>
      canSteer === undefined ? circle.id : { scope: circle.id, steward: canSteer },
    );
