import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { TickEnv } from '../features/feature-descriptor.ts';
import {
  featureDigestLines,
  featureJobHandlers,
  featureMailKinds,
  features,
  leavingOf,
} from '../features/registry.ts';
import { pruneExpiredKeys } from '../http/idempotency-keys.ts';
import { findRecipient, type MailDeps } from '../mail/mail-delivery.ts';
import { type MailJobHooks, mailJobHandlers, mailJobKinds } from '../mail/mail-jobs.ts';
import { scheduleDueMail } from '../mail/mail-scheduler.ts';
import { createJobRunner, type JobHandler, type JobRunner, type JobRunnerOptions } from './job-runner.ts';
import { pruneFinishedJobs } from './jobs.ts';

export interface BackgroundJobsOptions extends Omit<JobRunnerOptions, 'db' | 'handlers' | 'onTick'> {
  mail: MailDeps;
  /** The retention periods the features' ticks apply. */
  env: TickEnv;
  hooks?: MailJobHooks;
  /** Handlers of other kinds, registered beside the mail ones. */
  handlers?: Record<string, JobHandler>;
}

/**
 * The handlers the features declare (features/registry.ts): the mail kinds each feature names,
 * their own job kinds with typed payloads, and their lines in the Monday digest.
 */
function registeredHandlers(db: Kysely<DB>, mail: MailDeps, hooks: MailJobHooks = {}) {
  const mailHandlers = mailJobHandlers(mail, {
    ...hooks,
    async digestExtras(input) {
      const extras = (await hooks.digestExtras?.(input)) ?? [];
      if (!features.some((feature) => feature.digestLines)) return extras;
      const reader = await findRecipient(db, input.userId);
      const lines = reader
        ? await featureDigestLines(db, { reader, locale: input.locale, publicUrl: mail.publicUrl })
        : [];
      return [...lines, ...extras];
    },
  });
  const handlers: Record<string, JobHandler> = {};
  for (const kind of featureMailKinds()) {
    const handler = mailHandlers[mailJobKinds[kind]];
    if (handler) handlers[mailJobKinds[kind]] = handler;
  }
  return { ...handlers, ...featureJobHandlers({ db, mail }) };
}

/**
 * The runner every `archipel serve` process starts: the features' handlers, plus a once-a-minute
 * tick that enqueues due reminders and digests, runs the features' own `onTick`, prunes old
 * finished jobs and expired idempotency keys.
 */
export function createBackgroundJobs(db: Kysely<DB>, options: BackgroundJobsOptions): JobRunner {
  const { mail, env, hooks, handlers, ...runner } = options;
  const tickDeps = { leaving: leavingOf(features), env };
  let lastPrune = 0;
  let lastKeyPrune = 0;
  return createJobRunner({
    ...runner,
    db,
    handlers: { ...registeredHandlers(db, mail, hooks), ...handlers },
    async onTick() {
      await scheduleDueMail(db);
      const now = new Date();
      for (const feature of features) await feature.onTick?.(db, now, tickDeps);
      if (Date.now() - lastPrune > 86_400_000) {
        lastPrune = Date.now();
        await pruneFinishedJobs(db);
      }
      if (Date.now() - lastKeyPrune > 3_600_000) {
        lastKeyPrune = Date.now();
        await pruneExpiredKeys(db);
      }
    },
  });
}
