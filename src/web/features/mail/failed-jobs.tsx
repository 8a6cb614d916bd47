import { useTranslation } from 'react-i18next';
import { Button } from '../../components/button.tsx';
import { EmptyState } from '../../components/empty-state.tsx';
import { ErrorState, LoadingState } from '../../components/query-state.tsx';
import { Section } from '../../components/section.tsx';
import { currentLanguage } from '../../i18n/i18n.ts';
import styles from './failed-jobs.module.css';
import { useFailedJobs, useRetryJob } from './mail-api.ts';

/** Known kinds by their i18n key; a kind from a newer feature shows as it is stored. */
const kindKeys = {
  'mail.session-invitation': 'mail.jobs.kinds.session_invitation',
  'mail.date-poll-result': 'mail.jobs.kinds.date_poll_result',
  'mail.session-reminder': 'mail.jobs.kinds.session_reminder',
  'mail.action-due': 'mail.jobs.kinds.action_due',
  'mail.weekly-digest': 'mail.jobs.kinds.weekly_digest',
  'mail.weekly-digest-fanout': 'mail.jobs.kinds.weekly_digest_fanout',
  'mail.signup-promotion': 'mail.jobs.kinds.signup_promotion',
  'mail.circle-promotion': 'mail.jobs.kinds.circle_promotion',
} as const;
const isKnownKind = (kind: string): kind is keyof typeof kindKeys => Object.hasOwn(kindKeys, kind);

const formatDate = (iso: string) =>
  new Intl.DateTimeFormat(currentLanguage(), { dateStyle: 'medium', timeStyle: 'short' }).format(
    new Date(iso),
  );

/** Background jobs that gave up (mail that could not be sent), for instance admins. */
export function FailedJobs() {
  const { t } = useTranslation();
  const jobs = useFailedJobs(true);
  const retry = useRetryJob();
  const counts = jobs.data?.counts;
  return (
    <Section
      title={t('mail.jobs.title')}
      description={counts ? t('mail.jobs.counts', counts) : t('mail.jobs.intro')}
    >
      {jobs.isPending ? <LoadingState /> : null}
      {jobs.isError ? <ErrorState error={jobs.error} onRetry={() => void jobs.refetch()} /> : null}
      {jobs.data?.items.length === 0 ? <EmptyState title={t('mail.jobs.empty')} /> : null}
      {jobs.data?.items.length ? (
        <ul className={styles.list}>
          {jobs.data.items.map((job) => (
            <li key={job.id} className={styles.job}>
              <div className={styles.head}>
                <strong>{isKnownKind(job.kind) ? t(kindKeys[job.kind]) : job.kind}</strong>
                <span className={styles.meta}>
                  {t('mail.jobs.attempts', { count: job.attempts })} ·{' '}
                  <time dateTime={job.updatedAt}>{formatDate(job.updatedAt)}</time>
                </span>
              </div>
              {job.lastError ? <p className={styles.error}>{job.lastError}</p> : null}
              <Button
                variant="secondary"
                size="sm"
                isPending={retry.isPending && retry.variables === job.id}
                onClick={() => retry.mutate(job.id)}
              >
                {t('mail.jobs.retry')}
              </Button>
            </li>
          ))}
        </ul>
      ) : null}
    </Section>
  );
}
