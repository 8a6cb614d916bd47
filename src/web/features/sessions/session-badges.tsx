import { useTranslation } from 'react-i18next';
import type { ActionStatus, ParticipantStatus, SessionState } from '../../../domain/session.ts';
import { Badge, type BadgeTone } from '../../components/badge.tsx';

const sessionTones: Record<SessionState, BadgeTone> = {
  scheduled: 'primary',
  live: 'accent',
  ended: 'neutral',
  cancelled: 'warning',
};
const participantTones: Record<ParticipantStatus, BadgeTone> = {
  invited: 'neutral',
  confirmed: 'primary',
  excused: 'warning',
  present: 'success',
};
const actionTones: Record<ActionStatus, BadgeTone> = {
  todo: 'primary',
  in_progress: 'accent',
  done: 'success',
  dropped: 'neutral',
};

export function SessionStatusBadge({ status }: { status: SessionState }) {
  const { t } = useTranslation();
  return (
    <Badge tone={sessionTones[status]}>
      {status === 'live' ? <span aria-hidden="true">●</span> : null}
      {status === 'cancelled' ? t('calendar.cancel.badge') : t(`session.status.${status}`)}
    </Badge>
  );
}

export function ParticipantStatusBadge({ status }: { status: ParticipantStatus }) {
  const { t } = useTranslation();
  return <Badge tone={participantTones[status]}>{t(`session.participant.${status}`)}</Badge>;
}

export function ActionStatusBadge({ status }: { status: ActionStatus }) {
  const { t } = useTranslation();
  return <Badge tone={actionTones[status]}>{t(`actions.status.${status}`)}</Badge>;
}
