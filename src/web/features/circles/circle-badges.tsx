import { useTranslation } from 'react-i18next';
import type { Circle } from '../../../contract/circle.ts';
import type { CircleMemberStatus, CircleStatus } from '../../../domain/circle.ts';
import { Badge, type BadgeTone } from '../../components/badge.tsx';

const statusTones: Record<CircleStatus, BadgeTone> = {
  forming: 'accent',
  active: 'success',
  closed: 'neutral',
};
const myStatusTones: Record<CircleMemberStatus, BadgeTone> = {
  member: 'success',
  waitlisted: 'warning',
  requested: 'accent',
};

export function CircleStatusBadge({ status }: { status: CircleStatus }) {
  const { t } = useTranslation();
  return <Badge tone={statusTones[status]}>{t(`circle.status.${status}`)}</Badge>;
}

/** The reader's own standing: facilitator, member, on the waitlist, or request sent. */
export function MyCircleStatusBadge({ circle }: { circle: Pick<Circle, 'myStatus' | 'myRole'> }) {
  const { t } = useTranslation();
  if (!circle.myStatus) return null;
  if (circle.myStatus === 'member' && circle.myRole === 'facilitator') {
    return <Badge tone="primary">{t('circle.role.facilitator')}</Badge>;
  }
  return <Badge tone={myStatusTones[circle.myStatus]}>{t(`circle.myStatus.${circle.myStatus}`)}</Badge>;
}

export function VisibilityBadge({ visibility }: { visibility: Circle['visibility'] }) {
  const { t } = useTranslation();
  return (
    <Badge tone="neutral">
      {visibility === 'private' ? <span aria-hidden="true">🔒</span> : null}
      {t(`circle.visibility.${visibility}`)}
    </Badge>
  );
}

/** Kind and method, the two words that tell what sort of circle this is. */
export function CircleKindBadges({ circle }: { circle: Pick<Circle, 'kind' | 'method'> }) {
  const { t } = useTranslation();
  return (
    <>
      <Badge tone="primary">{t(`circle.kind.${circle.kind}`)}</Badge>
      {circle.method ? <Badge tone="neutral">{t(`circle.method.${circle.method}`)}</Badge> : null}
    </>
  );
}
