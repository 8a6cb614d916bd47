import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { Alert } from '../components/alert.tsx';
import { ButtonLink } from '../components/button-link.tsx';
import { FormPage } from '../components/form-page.tsx';
import { ErrorState, LoadingState } from '../components/query-state.tsx';
import { useMe } from '../features/auth/auth-api.ts';
import { signInPath } from '../features/auth/next-path.ts';
import { useCommunity } from '../features/communities/community-api.ts';
import { JoinPolicyBadge } from '../features/communities/community-badges.tsx';
import { CommunityMembership } from '../features/communities/community-membership.tsx';
import { isNotFound } from '../lib/error-message.ts';
import { UnknownAddressPage } from './not-found.tsx';

/** Where an invite link lands: the community in brief, and a button that uses the code. */
export function JoinPage() {
  const { t } = useTranslation();
  const { slug = '' } = useParams();
  const [params] = useSearchParams();
  const code = params.get('code') ?? undefined;
  const community = useCommunity(slug);
  const me = useMe();

  if (community.isPending || me.isPending) return <LoadingState />;
  if (community.isError) {
    if (isNotFound(community.error)) return <UnknownAddressPage />;
    return <ErrorState error={community.error} onRetry={() => void community.refetch()} />;
  }
  const data = community.data;
  const here = `/join/${slug}${code ? `?code=${encodeURIComponent(code)}` : ''}`;

  return (
    <FormPage
      title={t('join.title', { name: data.name })}
      intro={t('join.intro')}
      footer={
        me.data ? null : (
          <p>
            {t('join.newHere')} <Link to={signInPath(here, 'sign-up')}>{t('header.signUp')}</Link>
          </p>
        )
      }
    >
      <div>
        <JoinPolicyBadge policy={data.joinPolicy} />
      </div>
      {data.description ? <p>{data.description}</p> : null}
      <p>
        {t('community.counts.members', { count: data.memberCount })}
        {' · '}
        {t('community.counts.circles', { count: data.circleCount })}
      </p>
      {code ? null : (
        <Alert tone="warning">
          <p>{t('join.noCode')}</p>
        </Alert>
      )}
      {data.myStatus === 'active' ? (
        <>
          <Alert tone="success" role="status">
            <p>{t('join.alreadyMember')}</p>
          </Alert>
          <div>
            <ButtonLink to={`/c/${encodeURIComponent(data.slug)}`}>{t('join.goToCommunity')}</ButtonLink>
          </div>
        </>
      ) : (
        <CommunityMembership community={data} me={me.data ?? null} inviteCode={code} />
      )}
    </FormPage>
  );
}
