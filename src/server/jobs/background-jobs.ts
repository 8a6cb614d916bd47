import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { claimMailHandlers } from '../features/placeholders/claim-mail.ts';
import { pruneExpiredKeys } from '../http/idempotency-keys.ts';
import type { MailDeps } from '../mail/mail-delivery.ts';
import { type MailJobHooks, mailJobHandlers } from '../mail/mail-jobs.ts';
import { scheduleDueMail } from '../mail/mail-scheduler.ts';
import { createJobRunner, type JobHandler, type JobRunner, type JobRunnerOptions } from './job-runner.ts';
import { pruneFinishedJobs } from './jobs.ts';

export interface BackgroundJobsOptions extends Omit<JobRunnerOptions, 'db' | 'handlers' | 'onTick'> {
  mail: MailDeps;
  hooks?: MailJobHooks;
  /** Handlers of other kinds, registered beside the mail ones. */
  handlers?: Record<string, JobHandler>;
}

/**
 * The runner every `archipel serve` process starts: the mail handlers, plus a once-a-minute tick
 * that enqueues due reminders and digests, prunes old finished jobs and expired idempotency keys.
 */
export function createBackgroundJobs(db: Kysely<DB>, options: BackgroundJobsOptions): JobRunner {
  const { mail, hooks, handlers, ...runner } = options;
  let lastPrune = 0;
  let lastKeyPrune = 0;
  return createJobRunner({
    ...runner,
    db,
    handlers: { ...mailJobHandlers(mail, hooks), ...claimMailHandlers(mail), ...handlers },
    async onTick() {
      await scheduleDueMail(db);
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
