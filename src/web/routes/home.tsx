import { useTranslation } from 'react-i18next';
import type { Me } from '../../contract/user.ts';
import { ButtonLink } from '../components/button-link.tsx';
import { EmptyState } from '../components/empty-state.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { ErrorState, LoadingState } from '../components/query-state.tsx';
import { Section } from '../components/section.tsx';
import { ShowMore } from '../components/show-more.tsx';
import { useMe } from '../features/auth/auth-api.ts';
import { useMyCircles } from '../features/circles/circle-api.ts';
import { CircleGrid } from '../features/circles/circle-card.tsx';
import { useCommunities } from '../features/communities/community-api.ts';
import { CommunityGrid } from '../features/communities/community-card.tsx';
import { UpcomingSessions } from '../features/sessions/upcoming-sessions.tsx';
import styles from './home.module.css';

function PublicCommunities({ title }: { title: string }) {
  const { t } = useTranslation();
  const communities = useCommunities();
  const others = communities.data?.filter((c) => c.myRole === null && c.myStatus === null);
  return (
    <Section title={title}>
      {communities.isPending ? <LoadingState /> : null}
      {communities.isError ? (
        <ErrorState error={communities.error} onRetry={() => void communities.refetch()} />
      ) : null}
      {others?.length === 0 ? <EmptyState title={t('home.noOtherCommunities')} isCompact /> : null}
      {others?.length ? <CommunityGrid communities={others} /> : null}
      <ShowMore list={communities} />
    </Section>
  );
}

function VisitorHome() {
  const { t } = useTranslation();
  return (
    <>
      <title>{`${t('home.documentTitle')} · Archipel`}</title>
      <div className={styles.hero}>
        <p className={styles.kicker}>{t('home.kicker')}</p>
        <h1 className={styles.heroTitle}>{t('home.welcomeTitle')}</h1>
        <p className={styles.heroText}>{t('home.welcomeText')}</p>
        <div className={styles.heroActions}>
          <ButtonLink to="/sign-up" className={styles.heroPrimary}>
            {t('header.signUp')}
          </ButtonLink>
          <ButtonLink to="/sign-in" variant="secondary" className={styles.heroSecondary}>
            {t('header.signIn')}
          </ButtonLink>
        </div>
      </div>
      <PublicCommunities title={t('home.publicCommunities')} />
    </>
  );
}

function MemberHome({ me }: { me: Me }) {
  const { t } = useTranslation();
  const communities = useCommunities({ mine: true });
  const circles = useMyCircles();
  const createButton = <ButtonLink to="/communities/new">{t('home.createCommunity')}</ButtonLink>;

  return (
    <>
      <PageHeader
        title={t('home.greeting', { name: me.name })}
        documentTitle={t('home.documentTitle')}
        description={t('home.memberIntro')}
      />
      <UpcomingSessions />
      <Section title={t('home.myCommunities')} action={createButton}>
        {communities.isPending ? <LoadingState /> : null}
        {communities.isError ? (
          <ErrorState error={communities.error} onRetry={() => void communities.refetch()} />
        ) : null}
        {communities.data?.length === 0 ? (
          <EmptyState title={t('home.noCommunityTitle')}>{t('home.noCommunityText')}</EmptyState>
        ) : null}
        {communities.data?.length ? <CommunityGrid communities={communities.data} /> : null}
      </Section>
      <Section title={t('home.myCircles')} id="my-circles">
        {circles.isPending ? <LoadingState /> : null}
        {circles.isError ? <ErrorState error={circles.error} onRetry={() => void circles.refetch()} /> : null}
        {circles.data?.length === 0 ? (
          <EmptyState title={t('home.noCircleTitle')}>{t('home.noCircleText')}</EmptyState>
        ) : null}
        {circles.data?.length ? <CircleGrid circles={circles.data} showCommunity /> : null}
      </Section>
      <PublicCommunities title={t('home.otherCommunities')} />
    </>
  );
}

export function HomePage() {
  const me = useMe();
  if (me.isPending) return <LoadingState />;
  if (me.isError) return <ErrorState error={me.error} onRetry={() => void me.refetch()} />;
  return me.data ? <MemberHome me={me.data} /> : <VisitorHome />;
}
