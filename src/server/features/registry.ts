import type { Kysely, Migration } from 'kysely';
import type { DialectName } from '../db/database.ts';
import type { DB } from '../db/schema.ts';
import type { JobHandler } from '../jobs/job-runner.ts';
import type { MailKind } from '../mail/mail-jobs.ts';
import type { SearchSource } from '../search/search-source.ts';
import { accountFeature } from './account/account.feature.ts';
import { actionsFeature } from './actions/actions.feature.ts';
import { adminFeature } from './admin/admin.feature.ts';
import { auditFeature } from './audit/audit.feature.ts';
import { authFeature } from './auth/auth.feature.ts';
import { boardsFeature } from './boards/boards.feature.ts';
import { calendarsFeature } from './calendars/calendars.feature.ts';
import { circlesFeature } from './circles/circles.feature.ts';
import { communitiesFeature } from './communities/communities.feature.ts';
import { datePollsFeature } from './date-polls/date-polls.feature.ts';
import { eventsFeature } from './events/events.feature.ts';
import type {
  DigestLine,
  DigestLines,
  FeatureDescriptor,
  JobDeps,
  Leaving,
  PersonColumn,
  TopicResolver,
} from './feature-descriptor.ts';
import { glossaryFeature } from './glossary/glossary.feature.ts';
import { guestsFeature } from './guests/guests.feature.ts';
import { healthFeature } from './health/health.feature.ts';
import { hubFeature } from './hub/hub.feature.ts';
import { mailFeature } from './mail/mail.feature.ts';
import { meFeature } from './me/me.feature.ts';
import { newslettersFeature } from './newsletters/newsletters.feature.ts';
import { oidcFeature } from './oidc/oidc.feature.ts';
import { openSpacesFeature } from './open-spaces/open-spaces.feature.ts';
import { placeholdersFeature } from './placeholders/placeholders.feature.ts';
import { pollsFeature } from './polls/polls.feature.ts';
import { rexFeature } from './rex/rex.feature.ts';
import { searchFeature } from './search/search.feature.ts';
import { sessionsFeature } from './sessions/sessions.feature.ts';
import { signupsFeature } from './signups/signups.feature.ts';
import { stewardsFeature } from './stewards/stewards.feature.ts';
import { surveysFeature } from './surveys/surveys.feature.ts';
import { territoriesFeature } from './territories/territories.feature.ts';
import { territoryMapFeature } from './territory-map/territory-map.feature.ts';
import { usersFeature } from './users/users.feature.ts';

/**
 * Every feature of the server, in the order its routes are registered and its leaving hooks run.
 * Adding a feature: its folder, its `<f>.feature.ts`, and one line here (docs/adding-a-feature.md).
 */
export const features: readonly FeatureDescriptor[] = [
  healthFeature,
  auditFeature,
  territoriesFeature,
  mailFeature,
  authFeature,
  oidcFeature,
  meFeature,
  usersFeature,
  communitiesFeature,
  circlesFeature,
  sessionsFeature,
  actionsFeature,
  adminFeature,
  calendarsFeature,
  boardsFeature,
  datePollsFeature,
  signupsFeature,
  pollsFeature,
  placeholdersFeature,
  guestsFeature,
  stewardsFeature,
  glossaryFeature,
  surveysFeature,
  rexFeature,
  eventsFeature,
  openSpacesFeature,
  hubFeature,
  searchFeature,
  territoryMapFeature,
  newslettersFeature,
  accountFeature,
];

/** Live topic kinds → how each is authorised; a kind declared twice is a programming error. */
export function topicResolvers(list = features): ReadonlyMap<string, TopicResolver> {
  const resolvers = new Map<string, TopicResolver>();
  for (const feature of list) {
    for (const [kind, resolve] of Object.entries(feature.topics ?? {})) {
      if (resolvers.has(kind)) throw new Error(`live topic kind "${kind}" is declared twice`);
      resolvers.set(kind, resolve);
    }
  }
  return resolvers;
}

/** The features' own job kinds, each handler given its payload parsed by the kind's schema. */
export function featureJobHandlers(deps: JobDeps, list = features): Record<string, JobHandler> {
  const handlers: Record<string, JobHandler> = {};
  for (const job of list.flatMap((feature) => feature.jobs ?? [])) {
    if (handlers[job.kind]) throw new Error(`job kind "${job.kind}" is declared twice`);
    // A ZodError fails the job at once (job-runner.ts): no retry will parse it.
    handlers[job.kind] = (context) => job.handle(job.payload.parse(context.payload), context, deps);
  }
  return handlers;
}

/** The mail kinds (mail/mail-jobs.ts) the features declare; only these are handled. */
export function featureMailKinds(list = features): MailKind[] {
  return list.flatMap((feature) => feature.mails ?? []);
}

/** The migrations the features carry, by name; a name used twice is a programming error. */
export function featureMigrations(dialect: DialectName, list = features): Record<string, Migration> {
  const migrations: Record<string, Migration> = {};
  for (const feature of list) {
    for (const [name, migration] of Object.entries(feature.migrations?.(dialect) ?? {})) {
      if (migrations[name]) throw new Error(`migration "${name}" is declared twice`);
      migrations[name] = migration;
    }
  }
  return migrations;
}

/** The leaving hooks of every feature, in registry order, for the leaving commands. */
export function leavingOf(list = features): Leaving {
  const leaving: Leaving = {
    async circle(trx, input) {
      for (const feature of list) await feature.onLeaveCircle?.(trx, input, leaving);
    },
    async community(trx, input) {
      for (const feature of list) await feature.onLeaveCommunity?.(trx, input, leaving);
    },
  };
  return leaving;
}

/** The person columns of the features' own tables, for merging a placeholder into an account. */
export function featurePersonColumns(list = features): PersonColumn[] {
  return list.flatMap((feature) => feature.personColumns ?? []);
}

/** The features' digest lines for one reader, in registry order. */
export async function featureDigestLines(
  db: Kysely<DB>,
  input: Parameters<DigestLines>[1],
  list = features,
): Promise<DigestLine[]> {
  const lines: DigestLine[] = [];
  for (const feature of list) lines.push(...((await feature.digestLines?.(db, input)) ?? []));
  return lines;
}

/** The kinds of objects search finds, from every feature; a kind declared twice is a programming error. */
export function featureSearchSources(list = features): SearchSource[] {
  const sources = list.flatMap((feature) => feature.search ?? []);
  const kinds = new Set<string>();
  for (const source of sources) {
    if (kinds.has(source.kind)) throw new Error(`search kind "${source.kind}" is declared twice`);
    kinds.add(source.kind);
  }
  return sources;
}
