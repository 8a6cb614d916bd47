import { useTranslation } from 'react-i18next';
import type { Community } from '../../../contract/community.ts';
import { EmptyState } from '../../components/empty-state.tsx';
import { ErrorState, LoadingState } from '../../components/query-state.tsx';
import { Section } from '../../components/section.tsx';
import { ShowMore } from '../../components/show-more.tsx';
import { useCommunityCircles } from './circle-api.ts';
import { CircleGrid } from './circle-card.tsx';
import { CreateCircleButton } from './create-circle-button.tsx';

/** The circles of a community the reader may see; members may start a new one. */
export function CommunityCircles({ community }: { community: Community }) {
  const { t } = useTranslation();
  const circles = useCommunityCircles(community.slug);
  const isMember = community.myStatus === 'active';
  const action = isMember ? <CreateCircleButton communitySlug={community.slug} /> : undefined;

  return (
    <Section
      title={t('community.circles.title')}
      description={t('community.circles.description')}
      action={action}
    >
      {circles.isPending ? <LoadingState /> : null}
      {circles.isError ? <ErrorState error={circles.error} onRetry={() => void circles.refetch()} /> : null}
      {circles.data?.length === 0 ? (
        <EmptyState title={t('community.circles.emptyTitle')}>
          {isMember ? t('community.circles.emptyMember') : t('community.circles.emptyVisitor')}
        </EmptyState>
      ) : null}
      {circles.data?.length ? <CircleGrid circles={circles.data} /> : null}
      <ShowMore list={circles} />
    </Section>
  );
}
