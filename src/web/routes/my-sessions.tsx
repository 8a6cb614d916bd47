import { useTranslation } from 'react-i18next';
import { EmptyState } from '../components/empty-state.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { ErrorState, LoadingState } from '../components/query-state.tsx';
import { Section } from '../components/section.tsx';
import { ShowMore } from '../components/show-more.tsx';
import { RequireAuth } from '../features/auth/require-auth.tsx';
import { useMySessions } from '../features/sessions/session-keys.ts';
import { SessionList } from '../features/sessions/session-list.tsx';

function SessionsPart({ when }: { when: 'upcoming' | 'past' }) {
  const { t } = useTranslation();
  const sessions = useMySessions(true, when);
  return (
    <Section title={t(`mySessions.${when}`)}>
      {sessions.isPending ? <LoadingState /> : null}
      {sessions.isError ? (
        <ErrorState error={sessions.error} onRetry={() => void sessions.refetch()} />
      ) : null}
      {sessions.data?.length === 0 ? <EmptyState isCompact title={t(`mySessions.none.${when}`)} /> : null}
      {sessions.data?.length ? <SessionList sessions={sessions.data} showCircle /> : null}
      <ShowMore list={sessions} />
    </Section>
  );
}

/** "Mes séances": the coming and past sessions of every circle I am a member of. */
export function MySessionsPage() {
  const { t } = useTranslation();
  return (
    <RequireAuth>
      {() => (
        <>
          <PageHeader title={t('mySessions.title')} description={t('mySessions.intro')} />
          <SessionsPart when="upcoming" />
          <SessionsPart when="past" />
        </>
      )}
    </RequireAuth>
  );
}
