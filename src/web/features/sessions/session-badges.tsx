import { useTranslation } from 'react-i18next';
import type { SessionSummary } from '../../../contract/session.ts';
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

/** "Séance 3 sur 4" (or "Séance 3" when the circle plans no number); nothing for a cancelled session. */
export function SessionNumberBadge({ numbering }: { numbering: SessionSummary['numbering'] }) {
  const { t } = useTranslation();
  if (!numbering) return null;
  return (
    <Badge>
      {numbering.plannedTotal === null
        ? t('session.numbering.rank', { rank: numbering.rank })
        : t('session.numbering.rankOf', { rank: numbering.rank, total: numbering.plannedTotal })}
    </Badge>
  );
}
