import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Badge } from '../../components/badge.tsx';
import { EmptyState } from '../../components/empty-state.tsx';
import { LazyDialogButton } from '../../components/lazy-dialog-button.tsx';
import { Section } from '../../components/section.tsx';
import { ShowMore } from '../../components/show-more.tsx';
import { lazyNamed } from '../../lib/lazy-named.ts';
import { formatDay } from '../sessions/session-time.ts';
import { useCirclePolls } from './date-poll-api.ts';
import styles from './scheduling-list.module.css';

// The form downloads on first hover or focus, not with the circle page.
const createPollDialog = lazyNamed(() => import('./create-date-poll-dialog.tsx'), 'CreateDatePollDialog');

/** "Sondages de dates" on a circle's page; hidden where the reader may not see them. */
export function CircleDatePolls({ circleId, canCreate }: { circleId: string; canCreate: boolean }) {
  const { t, i18n } = useTranslation();
  const polls = useCirclePolls(circleId);
  if (polls.isError || (!polls.data?.length && !canCreate)) return null;
  const action = canCreate ? (
    <LazyDialogButton
      variant="secondary"
      label={t('datePolls.create.open')}
      preload={createPollDialog.preload}
    >
      {(close) => <createPollDialog.Component circleId={circleId} onClose={close} />}
    </LazyDialogButton>
  ) : undefined;
  return (
    <Section title={t('datePolls.section')} description={t('datePolls.sectionHint')} action={action}>
      {polls.data?.length ? (
        <ul className={styles.list}>
          {polls.data.map((poll) => (
            <li key={poll.id} className={styles.item}>
              <div className={styles.text}>
                <h3 className={styles.title}>
                  <Link to={`/date-polls/${encodeURIComponent(poll.id)}`}>{poll.title}</Link>
                </h3>
                <span>
                  {t('datePolls.list.counts', { slots: poll.slotCount, count: poll.respondentCount })}
                  {poll.deadline && poll.status === 'open'
                    ? ` · ${t('datePolls.list.deadline', { date: formatDay(poll.deadline, i18n.language, poll.timeZone) })}`
                    : null}
                </span>
              </div>
              <Badge tone={poll.status === 'open' ? 'primary' : 'neutral'}>
                {t(`datePolls.status.${poll.status}`)}
              </Badge>
            </li>
          ))}
        </ul>
      ) : polls.data ? (
        <EmptyState isCompact title={t('datePolls.list.empty')} />
      ) : null}
      <ShowMore list={polls} />
    </Section>
  );
}
