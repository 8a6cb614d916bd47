import { useTranslation } from 'react-i18next';
import type { SessionSummary } from '../../../contract/session.ts';
import { isSessionOver } from '../../../domain/session.ts';
import { EmptyState } from '../../components/empty-state.tsx';
import { ErrorState, LoadingState } from '../../components/query-state.tsx';
import { Section } from '../../components/section.tsx';
import { ShowMore } from '../../components/show-more.tsx';
import { ImportNotesLink } from './import/import-notes-link.tsx';
import { PlanSessionButton } from './plan-session-button.tsx';
import { useCircleSessions } from './session-api.ts';
import styles from './session-list.module.css';
import { SessionList } from './session-list.tsx';

function byStart(a: SessionSummary, b: SessionSummary): number {
  return Date.parse(a.startsAt) - Date.parse(b.startsAt);
}

/** "Séances" on a circle's page: coming first (soonest first), then past (latest first). */
export function CircleSessions({ circleId, canPlan }: { circleId: string; canPlan: boolean }) {
  const { t } = useTranslation();
  const sessions = useCircleSessions(circleId);
  const now = Date.now();
  const isPast = (s: SessionSummary) => isSessionOver(s.status, Date.parse(s.endsAt), now);
  const coming = sessions.data?.filter((s) => !isPast(s)).sort(byStart) ?? [];
  const past = sessions.data?.filter(isPast).sort((a, b) => byStart(b, a)) ?? [];
  return (
    <Section
      title={t('session.list.title')}
      action={
        canPlan ? (
          <ImportNotesLink circleId={circleId}>
            <PlanSessionButton circleId={circleId} />
          </ImportNotesLink>
        ) : undefined
      }
    >
      {sessions.isPending ? <LoadingState /> : null}
      {sessions.isError ? (
        <ErrorState error={sessions.error} onRetry={() => void sessions.refetch()} />
      ) : null}
      {sessions.data ? (
        <>
          <h3 className={styles.groupTitle}>{t('session.list.coming', { count: coming.length })}</h3>
          {coming.length ? (
            <SessionList sessions={coming} />
          ) : (
            <EmptyState
              isCompact
              title={canPlan ? t('session.list.noneComingFacilitator') : t('session.list.noneComing')}
            />
          )}
          {past.length ? (
            <>
              <h3 className={styles.groupTitle}>{t('session.list.past', { count: past.length })}</h3>
              <SessionList sessions={past} />
            </>
          ) : null}
        </>
      ) : null}
      <ShowMore list={sessions} />
    </Section>
  );
}
