import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Community } from '../../../contract/community.ts';
import { Card } from '../../components/card.tsx';
import { JoinPolicyBadge, MyCommunityBadge } from './community-badges.tsx';
import styles from './community-card.module.css';

export function CommunityCard({ community }: { community: Community }) {
  const { t } = useTranslation();
  return (
    <Card as="li" isInteractive>
      <h3 className={styles.title}>
        <Link to={`/c/${encodeURIComponent(community.slug)}`}>{community.name}</Link>
      </h3>
      {community.description ? <p className={styles.description}>{community.description}</p> : null}
      <div className={styles.meta}>
        <span className={styles.counts}>
          {t('community.counts.members', { count: community.memberCount })}
          {' · '}
          {t('community.counts.circles', { count: community.circleCount })}
        </span>
        <JoinPolicyBadge policy={community.joinPolicy} />
        <MyCommunityBadge community={community} />
      </div>
    </Card>
  );
}

export function CommunityGrid({ communities }: { communities: Community[] }) {
  return (
    <ul className={styles.grid}>
      {communities.map((community) => (
        <CommunityCard key={community.id} community={community} />
      ))}
    </ul>
  );
}
