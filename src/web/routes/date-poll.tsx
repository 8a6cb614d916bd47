import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { DatePoll } from '../../contract/date-poll.ts';
import { Alert } from '../components/alert.tsx';
import { Badge } from '../components/badge.tsx';
import { CopyField } from '../components/copy-field.tsx';
import type { FormStatusMessage } from '../components/form-status.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { ErrorState, LoadingState } from '../components/query-state.tsx';
import { Section } from '../components/section.tsx';
import { useMe } from '../features/auth/auth-api.ts';
import { CloseDatePoll } from '../features/date-polls/close-date-poll.tsx';
import { DatePollAnswerForm } from '../features/date-polls/date-poll-answer-form.tsx';
import { shareLink, useAnswerPoll, useDatePoll } from '../features/date-polls/date-poll-api.ts';
import { DatePollGrid, slotLabel } from '../features/date-polls/date-poll-grid.tsx';
import { formatDay, formatTime } from '../features/sessions/session-time.ts';
import { isNotFound, useErrorMessage } from '../lib/error-message.ts';
import styles from './date-poll.module.css';
import { NotFoundPage } from './not-found.tsx';

export function DatePollHeader({ poll, circleLink = true }: { poll: DatePoll; circleLink?: boolean }) {
  const { t, i18n } = useTranslation();
  const deadline = poll.deadline
    ? `${formatDay(poll.deadline, i18n.language, poll.timeZone)} ${formatTime(poll.deadline, i18n.language, poll.timeZone)}`
    : null;
  return (
    <PageHeader
      eyebrow={
        circleLink ? (
          <Link className={styles.eyebrowLink} to={`/circles/${encodeURIComponent(poll.circleId)}`}>
            {poll.circleName}
          </Link>
        ) : (
          poll.circleName
        )
      }
      title={poll.title}
      meta={
        <>
          <Badge tone={poll.status === 'open' ? 'primary' : 'neutral'}>
            {t(`datePolls.status.${poll.status}`)}
          </Badge>
          {poll.hideParticipants ? <Badge>{t('datePolls.namesHidden')}</Badge> : null}
        </>
      }
      description={
        <p className={styles.facts}>
          {t('datePolls.facts.zone', { zone: poll.timeZone })}
          {poll.organiserName ? ` · ${t('datePolls.facts.organiser', { name: poll.organiserName })}` : null}
          {deadline ? ` · ${t('datePolls.facts.deadline', { date: deadline })}` : null}
        </p>
      }
    />
  );
}

function Answers({ poll }: { poll: DatePoll }) {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const answer = useAnswerPoll(poll.id);
  const [message, setMessage] = useState<FormStatusMessage | null>(null);
  const mine = poll.participants.find((participant) => participant.isMe);
  if (!poll.abilities.takePart) return <DatePollGrid poll={poll} />;
  return (
    <DatePollAnswerForm
      poll={poll}
      initial={{ answers: mine?.answers ?? [], comment: mine?.comment ?? '' }}
      submitLabel={t('datePolls.save')}
      isPending={answer.isPending}
      message={message}
      onSubmit={(input) => {
        setMessage(null);
        answer.mutate(input, {
          onSuccess: () => setMessage({ tone: 'success', text: t('datePolls.saved') }),
          onError: (error) => setMessage({ tone: 'danger', text: errorMessage(error) }),
        });
      }}
    />
  );
}

/** The session (or sessions, one per chosen slot) the poll closed on. */
function ClosedOn({ poll, sessionId }: { poll: DatePoll; sessionId: string }) {
  const { t, i18n } = useTranslation();
  const chosen = poll.slots.filter((slot) => slot.sessionId !== null);
  if (chosen.length <= 1) {
    return (
      <Alert tone="success" title={t('datePolls.closedTitle', { count: 1 })}>
        <Link to={`/sessions/${encodeURIComponent(sessionId)}`}>{t('datePolls.closedLink')}</Link>
      </Alert>
    );
  }
  return (
    <Alert tone="success" title={t('datePolls.closedTitle', { count: chosen.length })}>
      <ul aria-label={t('datePolls.closedSessions')} className={styles.sessionLinks}>
        {chosen.map((slot) => (
          <li key={slot.id}>
            <Link to={`/sessions/${encodeURIComponent(slot.sessionId ?? '')}`}>
              {slotLabel(slot, i18n.language, poll.timeZone)}
            </Link>
          </li>
        ))}
      </ul>
    </Alert>
  );
}

function DatePollView({ poll }: { poll: DatePoll }) {
  const { t } = useTranslation();
  return (
    <div className={styles.page}>
      <DatePollHeader poll={poll} />
      {poll.status === 'closed' && poll.sessionId ? (
        <ClosedOn poll={poll} sessionId={poll.sessionId} />
      ) : null}
      {poll.status === 'open' && !poll.isAnswerable ? (
        <Alert tone="warning">{t('datePolls.pastDeadline')}</Alert>
      ) : null}
      <Section title={t('datePolls.answers')}>
        <Answers poll={poll} />
      </Section>
      {poll.shareToken && poll.status === 'open' ? (
        <Section title={t('datePolls.share.title')} description={t('datePolls.share.hint')}>
          <CopyField label={t('datePolls.share.label')} value={shareLink(poll.shareToken)} />
        </Section>
      ) : null}
      {poll.abilities.steer ? <CloseDatePoll poll={poll} /> : null}
    </div>
  );
}

export function DatePollPage() {
  const { id = '' } = useParams();
  const me = useMe();
  const poll = useDatePoll(id, Boolean(me.data));
  if (poll.isPending) return <LoadingState />;
  if (poll.isError) {
    if (isNotFound(poll.error)) return <NotFoundPage />;
    return <ErrorState error={poll.error} onRetry={() => void poll.refetch()} />;
  }
  // Keyed on the poll so a closed or re-read poll starts a fresh draft.
  return <DatePollView key={`${poll.data.id}-${poll.data.status}`} poll={poll.data} />;
}
