import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useParams } from 'react-router';
import type { DatePoll } from '../../contract/date-poll.ts';
import { Alert } from '../components/alert.tsx';
import { CopyField } from '../components/copy-field.tsx';
import type { FormStatusMessage } from '../components/form-status.tsx';
import { ErrorState, LoadingState } from '../components/query-state.tsx';
import { Section } from '../components/section.tsx';
import { TextField } from '../components/text-field.tsx';
import { DatePollAnswerForm } from '../features/date-polls/date-poll-answer-form.tsx';
import {
  guestEditLink,
  useCreateGuestAnswer,
  useGuestAnswer,
  usePollByLink,
  useUpdateGuestAnswer,
} from '../features/date-polls/date-poll-api.ts';
import { DatePollGrid } from '../features/date-polls/date-poll-grid.tsx';
import { ApiError } from '../lib/api-client.ts';
import { isNotFound, useErrorMessage } from '../lib/error-message.ts';
import { issuesFromApiError, useIssueMessage } from '../lib/form-validation.ts';
import styles from './date-poll.module.css';
import { DatePollHeader } from './date-poll.tsx';
import { UnknownAddressPage } from './not-found.tsx';

function GuestFirstAnswer({ poll, shareToken }: { poll: DatePoll; shareToken: string }) {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const issueMessage = useIssueMessage();
  const create = useCreateGuestAnswer(poll.id, shareToken);
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [nameError, setNameError] = useState<string | undefined>();
  const [message, setMessage] = useState<FormStatusMessage | null>(null);
  const [editToken, setEditToken] = useState<string | null>(null);
  const serverIssues = issuesFromApiError(create.error);
  if (editToken) {
    return (
      <Section title={t('datePolls.guest.thanks')}>
        <Alert tone="success">{t('datePolls.guest.keepLink')}</Alert>
        <CopyField label={t('datePolls.guest.editLink')} value={guestEditLink(poll.id, editToken)} />
      </Section>
    );
  }
  return (
    <Section title={t('datePolls.guest.title')} description={t('datePolls.guest.hint')}>
      <DatePollAnswerForm
        poll={poll}
        initial={{ answers: [], comment: '' }}
        draftLabel={name.trim() || t('common.you')}
        submitLabel={t('datePolls.guest.submit')}
        isPending={create.isPending}
        message={message}
        onSubmit={(input) => {
          if (!name.trim()) {
            setNameError(t('validation.required'));
            return;
          }
          setNameError(undefined);
          setMessage(null);
          create.mutate(
            { ...input, name, ...(email.trim() && { email: email.trim() }) },
            {
              onSuccess: (created) => setEditToken(created.editToken),
              onError: (error) => setMessage({ tone: 'danger', text: errorMessage(error) }),
            },
          );
        }}
      >
        <TextField
          label={t('datePolls.guest.name')}
          value={name}
          onChange={setName}
          errorMessage={nameError ?? issueMessage(serverIssues.name)}
          isRequired
        />
        <TextField
          label={t('datePolls.guest.email')}
          description={t('datePolls.guest.emailHint')}
          type="email"
          value={email}
          onChange={setEmail}
          errorMessage={
            !serverIssues.email
              ? undefined
              : create.error instanceof ApiError && create.error.code === 'RATE_LIMITED'
                ? t('datePolls.guest.emailLimited')
                : t('validation.email')
          }
          isOptional
        />
      </DatePollAnswerForm>
    </Section>
  );
}

/** A guest arriving through the poll's shareable link. Members are sent to the poll itself. */
export function DatePollLinkPage() {
  const { token = '' } = useParams();
  const { t } = useTranslation();
  const poll = usePollByLink(token);
  if (poll.isPending) return <LoadingState />;
  if (poll.isError) {
    if (isNotFound(poll.error)) return <UnknownAddressPage />;
    return <ErrorState error={poll.error} onRetry={() => void poll.refetch()} />;
  }
  if (poll.data.abilities.takePart || poll.data.shareToken) {
    return <Navigate to={`/date-polls/${encodeURIComponent(poll.data.id)}`} replace />;
  }
  return (
    <div className={styles.page}>
      <DatePollHeader poll={poll.data} circleLink={false} />
      {poll.data.isAnswerable ? (
        <GuestFirstAnswer poll={poll.data} shareToken={token} />
      ) : (
        <>
          <Alert tone="warning">{t('datePolls.guest.closed')}</Alert>
          <DatePollGrid poll={poll.data} />
        </>
      )}
    </div>
  );
}

/** A guest's private link: their answer, to change while the poll is open. */
export function DatePollGuestEditPage() {
  const { id = '', editToken = '' } = useParams();
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const answer = useGuestAnswer(id, editToken);
  const update = useUpdateGuestAnswer(id, editToken);
  const [message, setMessage] = useState<FormStatusMessage | null>(null);
  if (answer.isPending) return <LoadingState />;
  if (answer.isError) {
    if (isNotFound(answer.error)) return <UnknownAddressPage />;
    return <ErrorState error={answer.error} onRetry={() => void answer.refetch()} />;
  }
  const { poll, name } = answer.data;
  return (
    <div className={styles.page}>
      <DatePollHeader poll={poll} circleLink={false} />
      <Section title={t('datePolls.guest.editTitle', { name })}>
        {poll.isAnswerable ? (
          <DatePollAnswerForm
            poll={poll}
            initial={{ answers: answer.data.answers, comment: answer.data.comment }}
            draftLabel={name}
            submitLabel={t('datePolls.save')}
            isPending={update.isPending}
            message={message}
            onSubmit={(input) => {
              setMessage(null);
              update.mutate(
                { ...input, name },
                {
                  onSuccess: () => setMessage({ tone: 'success', text: t('datePolls.saved') }),
                  onError: (error) => setMessage({ tone: 'danger', text: errorMessage(error) }),
                },
              );
            }}
          />
        ) : (
          <>
            <Alert tone="warning">{t('datePolls.guest.closed')}</Alert>
            <DatePollGrid poll={poll} />
          </>
        )}
      </Section>
    </div>
  );
}
