import { useTranslation } from 'react-i18next';
import type { Circle } from '../../contract/circle.ts';
import type { CircleMemberStatus } from '../../domain/circle.ts';
import { ButtonLink } from '../components/button-link.tsx';
import { EmptyState } from '../components/empty-state.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { ErrorState, LoadingState } from '../components/query-state.tsx';
import { Section } from '../components/section.tsx';
import { ShowMore } from '../components/show-more.tsx';
import { RequireAuth } from '../features/auth/require-auth.tsx';
import { useMyCircles } from '../features/circles/circle-api.ts';
import { CircleGrid } from '../features/circles/circle-card.tsx';

const groups: CircleMemberStatus[] = ['member', 'waitlisted', 'requested'];

function Groups({ circles }: { circles: Circle[] }) {
  const { t } = useTranslation();
  if (circles.length === 0) {
    return (
      <EmptyState
        title={t('home.noCircleTitle')}
        action={
          <ButtonLink to="/" variant="secondary">
            {t('myCircles.explore')}
          </ButtonLink>
        }
      >
        {t('home.noCircleText')}
      </EmptyState>
    );
  }
  return groups.map((status) => {
    const inGroup = circles.filter((c) => c.myStatus === status);
    if (inGroup.length === 0) return null;
    return (
      <Section key={status} title={t(`myCircles.group.${status}`, { count: inGroup.length })}>
        <CircleGrid circles={inGroup} showCommunity />
      </Section>
    );
  });
}

function MyCircles() {
  const { t } = useTranslation();
  const circles = useMyCircles();
  return (
    <>
      <PageHeader title={t('myCircles.title')} description={t('myCircles.intro')} />
      {circles.isPending ? <LoadingState /> : null}
      {circles.isError ? <ErrorState error={circles.error} onRetry={() => void circles.refetch()} /> : null}
      {circles.data ? <Groups circles={circles.data} /> : null}
      <ShowMore list={circles} />
    </>
  );
}

export function MyCirclesPage() {
  return <RequireAuth>{() => <MyCircles />}</RequireAuth>;
}
