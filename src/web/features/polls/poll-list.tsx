import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { PollSummary } from '../../../contract/poll.ts';
import { Badge } from '../../components/badge.tsx';
import { EmptyState } from '../../components/empty-state.tsx';
import { LazyDialogButton } from '../../components/lazy-dialog-button.tsx';
import { ErrorState, LoadingState } from '../../components/query-state.tsx';
import { Section } from '../../components/section.tsx';
import { ShowMore } from '../../components/show-more.tsx';
import { lazyNamed } from '../../lib/lazy-named.ts';
import { type PollScope, usePolls } from './poll-api.ts';
import styles from './polls.module.css';

// The creation form downloads on first hover or focus of its button, not with the page.
const createPollDialog = lazyNamed(() => import('./create-poll-dialog.tsx'), 'CreatePollDialog');

export function PhaseBadge({ phase }: { phase: PollSummary['phase'] }) {
  const { t } = useTranslation();
  const tone = phase === 'voting' ? 'success' : phase === 'proposal' ? 'accent' : 'neutral';
  return <Badge tone={tone}>{t(`polls.phase.${phase}`)}</Badge>;
}

function CreatePollButton({ scope }: { scope: PollScope }) {
  const { t } = useTranslation();
  return (
    <LazyDialogButton variant="secondary" label={t('polls.create.open')} preload={createPollDialog.preload}>
      {(close) => <createPollDialog.Component scope={scope} onClose={close} />}
    </LazyDialogButton>
  );
}

function PollList({ polls }: { polls: PollSummary[] }) {
  const { t } = useTranslation();
  return (
    <ul className={styles.list}>
      {polls.map((poll) => (
        <li key={poll.id} className={styles.listItem}>
          <Link to={`/polls/${encodeURIComponent(poll.id)}`} className={styles.listLink}>
            {poll.title}
          </Link>
          <span className={styles.listMeta}>
            <PhaseBadge phase={poll.phase} />
            {poll.anonymous ? <Badge>{t('polls.anonymous')}</Badge> : null}
            {poll.hasVoted ? <Badge tone="primary">{t('polls.list.voted')}</Badge> : null}
            <span>{t('polls.voters', { count: poll.voterCount })}</span>
          </span>
        </li>
      ))}
    </ul>
  );
}

/** "Votes" of a circle or of a community: open ones first, then the closed ones. */
export function PollsSection({
  scope,
  canCreate,
  enabled = true,
}: {
  scope: PollScope;
  canCreate: boolean;
  enabled?: boolean;
}) {
  const { t } = useTranslation();
  const polls = usePolls(scope, enabled);
  if (!enabled) return null;
  return (
    <Section
      title={t('polls.list.title')}
      action={canCreate ? <CreatePollButton scope={scope} /> : undefined}
    >
      {polls.isPending ? <LoadingState /> : null}
      {polls.isError ? <ErrorState error={polls.error} onRetry={() => void polls.refetch()} /> : null}
      {polls.data?.length === 0 ? <EmptyState isCompact title={t('polls.list.empty')} /> : null}
      {polls.data?.length ? <PollList polls={polls.data} /> : null}
      <ShowMore list={polls} />
    </Section>
  );
}

/** The circle page's polls: its members create them. */
export function CirclePolls({ circleId, canCreate }: { circleId: string; canCreate: boolean }) {
  return <PollsSection scope={{ circleId }} canCreate={canCreate} />;
}

/** The polls a circle has tied to one of its sessions, on that session's page (nothing if none). */
export function SessionPolls({ circleId, sessionId }: { circleId: string; sessionId: string }) {
  const { t } = useTranslation();
  const polls = usePolls({ circleId });
  const ours = polls.data?.filter((poll) => poll.sessionId === sessionId) ?? [];
  if (ours.length === 0) return null;
  return (
    <Section title={t('polls.list.title')}>
      <PollList polls={ours} />
    </Section>
  );
}
