import { useTranslation } from 'react-i18next';
import type { Community } from '../../../contract/community.ts';
import { Badge } from '../../components/badge.tsx';

/** The reader's standing in a community: animator, member, or request pending. */
export function MyCommunityBadge({ community }: { community: Pick<Community, 'myRole' | 'myStatus'> }) {
  const { t } = useTranslation();
  if (community.myStatus === 'requested')
    return <Badge tone="accent">{t('community.myStatus.requested')}</Badge>;
  if (community.myRole === 'animator') return <Badge tone="primary">{t('community.role.animator')}</Badge>;
  if (community.myRole === 'member') return <Badge tone="success">{t('community.role.member')}</Badge>;
  return null;
}

export function JoinPolicyBadge({ policy }: { policy: Community['joinPolicy'] }) {
  const { t } = useTranslation();
  return <Badge tone="neutral">{t(`community.joinPolicy.${policy}`)}</Badge>;
}
