import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../components/empty-state.tsx';
import { ErrorState, LoadingState } from '../../components/query-state.tsx';
import { Section } from '../../components/section.tsx';
import { useMySessions } from './session-keys.ts';
import { SessionList } from './session-list.tsx';

/** "Prochaines séances" on a member's home page: current and coming sessions of their circles. */
export function UpcomingSessions() {
  const { t } = useTranslation();
  const sessions = useMySessions();
  const sorted =
    sessions.data && [...sessions.data].sort((a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt));
  return (
    <Section title={t('home.upcomingSessions')} id="upcoming-sessions">
      {sessions.isPending ? <LoadingState /> : null}
      {sessions.isError ? (
        <ErrorState error={sessions.error} onRetry={() => void sessions.refetch()} />
      ) : null}
      {sorted?.length === 0 ? <EmptyState isCompact title={t('home.noUpcomingSessions')} /> : null}
      {sorted?.length ? <SessionList sessions={sorted} showCircle /> : null}
    </Section>
  );
}
