import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { Poll } from '../../../contract/poll.ts';
import { formatDate } from '../../../domain/date-format.ts';
import { Badge } from '../../components/badge.tsx';
import { Button } from '../../components/button.tsx';
import { ConfirmButton } from '../../components/confirm-button.tsx';
import fieldStyles from '../../components/field.module.css';
import { FormStatus } from '../../components/form-status.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { ErrorState, LoadingState } from '../../components/query-state.tsx';
import { Section } from '../../components/section.tsx';
import { useErrorMessage } from '../../lib/error-message.ts';
import { BallotForm } from './ballot-form.tsx';
import {
  pollPath,
  useDeletePoll,
  useMyBallot,
  usePollResults,
  usePollStep,
  useProposeOption,
} from './poll-api.ts';
import { PhaseBadge } from './poll-list.tsx';
import { PollResultsView } from './poll-results.tsx';
import styles from './polls.module.css';

function ProposeOption({ poll }: { poll: Poll }) {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const propose = useProposeOption(poll.id);
  const [text, setText] = useState('');
  const [sectionId, setSectionId] = useState(poll.sections[0]?.id ?? '');
  const ids = { text: useId(), section: useId() };
  function submit(event: FormEvent) {
    event.preventDefault();
    propose.mutate(
      { text, ...(poll.kind === 'sections' && { sectionId }) },
      { onSuccess: () => setText('') },
    );
  }
  return (
    <form className={styles.propose} onSubmit={submit}>
      {poll.kind === 'sections' ? (
        <div className={fieldStyles.field}>
          <label htmlFor={ids.section} className={fieldStyles.label}>
            {t('polls.propose.section')}
          </label>
          <select
            id={ids.section}
            className={`${fieldStyles.input} ${fieldStyles.select}`}
            value={sectionId}
            onChange={(e) => setSectionId(e.target.value)}
          >
            {poll.sections.map((s) => (
              <option key={s.id} value={s.id}>
                {s.title}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      <div className={fieldStyles.field}>
        <label htmlFor={ids.text} className={fieldStyles.label}>
          {t('polls.propose.text')}
        </label>
        <input
          id={ids.text}
          className={fieldStyles.input}
          value={text}
          maxLength={200}
          onChange={(e) => setText(e.target.value)}
        />
      </div>
      <Button type="submit" isPending={propose.isPending}>
        {t('polls.propose.submit')}
      </Button>
      <FormStatus message={propose.error ? { tone: 'danger', text: errorMessage(propose.error) } : null} />
    </form>
  );
}

function OrganiserActions({ poll }: { poll: Poll }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const close = usePollStep(poll.id, 'close');
  const open = usePollStep(poll.id, 'open');
  const remove = useDeletePoll(poll.id);
  const back = poll.circleId
    ? `/circles/${encodeURIComponent(poll.circleId)}`
    : `/c/${encodeURIComponent(poll.communitySlug)}`;
  return (
    <>
      {poll.phase === 'proposal' ? (
        <Button onClick={() => open.mutate()} isPending={open.isPending}>
          {t('polls.actions.openVote')}
        </Button>
      ) : null}
      {poll.phase !== 'closed' ? (
        <ConfirmButton
          variant="secondary"
          title={t('polls.actions.closeTitle')}
          message={t('polls.actions.closeMessage')}
          confirmLabel={t('polls.actions.close')}
          onConfirm={() => close.mutate()}
          isPending={close.isPending}
        >
          {t('polls.actions.close')}
        </ConfirmButton>
      ) : null}
      {poll.voterCount === 0 ? (
        <ConfirmButton
          title={t('polls.actions.deleteTitle')}
          message={t('polls.actions.deleteMessage')}
          confirmLabel={t('polls.actions.delete')}
          onConfirm={() => remove.mutate(undefined, { onSuccess: () => navigate(back) })}
          isPending={remove.isPending}
        >
          {t('polls.actions.delete')}
        </ConfirmButton>
      ) : null}
    </>
  );
}

/** The poll page: what it asks, the ballot while open, the live results, the organiser's steps. */
export function PollView({ poll, isSignedIn }: { poll: Poll; isSignedIn: boolean }) {
  const { t, i18n } = useTranslation();
  const results = usePollResults(poll.id, poll.resultsVisible && poll.phase !== 'proposal');
  const myBallot = useMyBallot(poll.id, isSignedIn && poll.abilities.takePart && poll.phase === 'voting');
  const date = (iso: string) =>
    formatDate(new Date(iso), i18n.language, { dateStyle: 'long', timeStyle: 'short' });
  const parent = poll.circleId ? (
    <Link to={`/circles/${encodeURIComponent(poll.circleId)}`}>{poll.circleName}</Link>
  ) : (
    <Link to={`/c/${encodeURIComponent(poll.communitySlug)}`}>{t('polls.wholeCommunity')}</Link>
  );
  return (
    <>
      <PageHeader
        eyebrow={parent}
        title={poll.title}
        documentTitle={t('polls.documentTitle', { title: poll.title })}
        meta={
          <>
            <PhaseBadge phase={poll.phase} />
            <Badge>{t(`polls.kind.${poll.kind}`)}</Badge>
            {poll.anonymous ? <Badge tone="primary">{t('polls.anonymous')}</Badge> : null}
            {poll.hideResultsUntilClose ? <Badge>{t('polls.hiddenUntilClose')}</Badge> : null}
          </>
        }
        actions={poll.abilities.steer ? <OrganiserActions poll={poll} /> : undefined}
      />
      <div className={styles.page}>
        {poll.description ? <p className={styles.description}>{poll.description}</p> : null}
        {poll.sessionId ? (
          <p>
            <Link to={`/sessions/${encodeURIComponent(poll.sessionId)}`}>{t('polls.sessionLink')}</Link>
          </p>
        ) : null}
        <p className={styles.facts}>
          {t('polls.voters', { count: poll.voterCount })}
          {poll.maxPerSection !== null ? ` · ${t('polls.quotaRule', { count: poll.maxPerSection })}` : ''}
          {poll.closedAt ? ` · ${t('polls.closedOn', { date: date(poll.closedAt) })}` : ''}
          {!poll.closedAt && poll.closesAt ? ` · ${t('polls.closesOn', { date: date(poll.closesAt) })}` : ''}
        </p>
        {poll.phase === 'proposal' ? (
          <Section title={t('polls.propose.title')} description={t('polls.propose.description')}>
            {poll.options.length ? (
              <ul className={styles.proposed}>
                {poll.options.map((o) => (
                  <li key={o.id}>
                    {poll.kind === 'sections'
                      ? `${poll.sections.find((s) => s.id === o.sectionId)?.title ?? ''} · `
                      : ''}
                    {o.text}
                  </li>
                ))}
              </ul>
            ) : (
              <p className={styles.hint}>{t('polls.propose.none')}</p>
            )}
            {poll.abilities.takePart && poll.phase === 'proposal' ? <ProposeOption poll={poll} /> : null}
          </Section>
        ) : null}
        {poll.abilities.takePart && poll.phase === 'voting' ? (
          <Section title={poll.hasVoted ? t('polls.ballot.titleChange') : t('polls.ballot.title')}>
            {myBallot.isPending ? (
              <LoadingState />
            ) : (
              <BallotForm poll={poll} current={myBallot.data?.ballot ?? null} />
            )}
          </Section>
        ) : null}
        {poll.phase !== 'proposal' ? (
          <Section
            title={t('polls.results.title')}
            action={
              poll.resultsVisible ? (
                <a
                  className={styles.download}
                  href={`${pollPath(poll.id)}/results.csv${i18n.language.startsWith('fr') ? '?separator=semicolon' : ''}`}
                  download
                >
                  {t('polls.results.csv')}
                </a>
              ) : undefined
            }
          >
            {!poll.resultsVisible ? <p className={styles.hint}>{t('polls.results.hidden')}</p> : null}
            {results.isPending && poll.resultsVisible ? <LoadingState /> : null}
            {results.isError ? (
              <ErrorState error={results.error} onRetry={() => void results.refetch()} />
            ) : null}
            {results.data ? <PollResultsView poll={poll} results={results.data} /> : null}
          </Section>
        ) : null}
      </div>
    </>
  );
}
