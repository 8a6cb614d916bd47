import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { SurveyDto } from '../../contract/survey.ts';
import { formatDate } from '../../domain/date-format.ts';
import { Alert } from '../components/alert.tsx';
import { Badge } from '../components/badge.tsx';
import { Button } from '../components/button.tsx';
import { ButtonLink } from '../components/button-link.tsx';
import { ConfirmButton } from '../components/confirm-button.tsx';
import { CopyField } from '../components/copy-field.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { ErrorState, LoadingState } from '../components/query-state.tsx';
import { Section } from '../components/section.tsx';
import { useMe } from '../features/auth/auth-api.ts';
import {
  csvPath,
  storedReceipt,
  useAnswer,
  useMyResponse,
  useSurvey,
  useSurveyAction,
} from '../features/surveys/survey-api.ts';
import { SurveyForm } from '../features/surveys/survey-form.tsx';
import { StateBadge } from '../features/surveys/survey-list.tsx';
import styles from '../features/surveys/surveys.module.css';
import { isNotFound, useErrorMessage } from '../lib/error-message.ts';
import { NotFoundPage } from './not-found.tsx';

export function useWhen() {
  const { i18n } = useTranslation();
  return (iso: string) => formatDate(new Date(iso), i18n.language, { dateStyle: 'long', timeStyle: 'short' });
}

/** Title, where it lives, its moment, anonymity and how many answered: shared by its pages. */
export function SurveyHeader({ survey, title }: { survey: SurveyDto; title?: string }) {
  const { t } = useTranslation();
  const when = useWhen();
  const place = survey.circleId ? (
    <Link to={`/circles/${encodeURIComponent(survey.circleId)}`}>{survey.circleName}</Link>
  ) : (
    <Link to={`/c/${encodeURIComponent(survey.communitySlug)}/surveys`}>{t('surveys.list.title')}</Link>
  );
  return (
    <PageHeader
      title={title ?? survey.title}
      documentTitle={title ? `${title} : ${survey.title}` : survey.title}
      eyebrow={place}
      meta={
        <span className={styles.meta}>
          <StateBadge state={survey.state} />
          {survey.anonymous ? <Badge>{t('surveys.anonymous')}</Badge> : <Badge>{t('surveys.named')}</Badge>}
          <span>{t('surveys.respondents', { count: survey.respondents })}</span>
          {survey.closesAt && survey.state !== 'closed' ? (
            <span>{t('surveys.closesOn', { when: when(survey.closesAt) })}</span>
          ) : null}
          {survey.opensAt && survey.state === 'scheduled' ? (
            <span>{t('surveys.opensOn', { when: when(survey.opensAt) })}</span>
          ) : null}
          {survey.sessionId && survey.sessionTitle ? (
            <Link to={`/sessions/${encodeURIComponent(survey.sessionId)}`}>{survey.sessionTitle}</Link>
          ) : null}
        </span>
      }
    />
  );
}

/** The organisers' tools: share link, reminders, closing, CSV, keep as a template. */
function OrganiserPanel({ survey }: { survey: SurveyDto }) {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const close = useSurveyAction<SurveyDto>(survey.id, 'close');
  const remind = useSurveyAction<{ reminded: number }>(survey.id, 'remind');
  const keep = useSurveyAction<{ id: string; title: string }>(survey.id, 'template');
  const error = close.error ?? remind.error ?? keep.error;
  return (
    <Section title={t('surveys.organise.title')}>
      <div className={styles.panel}>
        {survey.shareUrl ? (
          <CopyField label={t('surveys.organise.shareLink')} value={survey.shareUrl} />
        ) : null}
        <div className={styles.actions}>
          <ButtonLink variant="secondary" to={`/surveys/${encodeURIComponent(survey.id)}/edit`}>
            {t('surveys.organise.edit')}
          </ButtonLink>
          {survey.state === 'open' ? (
            <Button variant="secondary" isPending={remind.isPending} onClick={() => remind.mutate(undefined)}>
              {t('surveys.organise.remind')}
            </Button>
          ) : null}
          {survey.state !== 'closed' ? (
            <ConfirmButton
              variant="secondary"
              title={t('surveys.organise.closeTitle')}
              message={t('surveys.organise.closeMessage')}
              confirmLabel={t('surveys.organise.close')}
              onConfirm={() => close.mutate(undefined)}
              isPending={close.isPending}
            >
              {t('surveys.organise.close')}
            </ConfirmButton>
          ) : null}
          <Button variant="secondary" isPending={keep.isPending} onClick={() => keep.mutate({})}>
            {t('surveys.organise.keepTemplate')}
          </Button>
        </div>
        <div role="status">
          {remind.data ? <p>{t('surveys.organise.reminded', { count: remind.data.reminded })}</p> : null}
          {keep.data ? <p>{t('surveys.organise.kept', { title: keep.data.title })}</p> : null}
        </div>
        <p className={styles.muted}>{t('surveys.organise.remindHelp')}</p>
        {survey.state === 'closed' || !survey.anonymous ? (
          <p className={styles.actions}>
            <a href={csvPath(survey.id, 'semicolon')} download>
              {t('surveys.organise.csvSemicolon')}
            </a>
            <a href={csvPath(survey.id, 'comma')} download>
              {t('surveys.organise.csvComma')}
            </a>
          </p>
        ) : null}
        {error ? <Alert tone="danger">{errorMessage(error)}</Alert> : null}
      </div>
    </Section>
  );
}

/** The answering part: the form while open, thanks after, and what to do when one cannot answer. */
function Answering({ survey, userId }: { survey: SurveyDto; userId: string }) {
  const { t } = useTranslation();
  const mine = useMyResponse(survey, userId);
  const answer = useAnswer(survey, userId);
  const [editing, setEditing] = useState(false);
  const receipt = storedReceipt(userId, survey.id);
  // Anonymous answers given from another browser: only their receipt would find them.
  const lockedElsewhere = survey.anonymous && survey.answered && !receipt;
  if (survey.answered && mine.isPending) return <LoadingState />;
  if (survey.answered && !editing) {
    return (
      <Section title={t('surveys.answer.title')}>
        <Alert tone="success">{t('surveys.answer.thanks')}</Alert>
        {lockedElsewhere ? (
          <p className={styles.muted}>{t('surveys.answer.elsewhere')}</p>
        ) : survey.state === 'open' ? (
          <div className={styles.actions}>
            <Button variant="secondary" onClick={() => setEditing(true)}>
              {t('surveys.answer.change')}
            </Button>
          </div>
        ) : null}
      </Section>
    );
  }
  return (
    <Section title={t('surveys.answer.title')}>
      {survey.anonymous ? <p className={styles.muted}>{t('surveys.answer.anonymousNote')}</p> : null}
      <SurveyForm
        key={mine.data ? 'mine' : 'empty'}
        questions={survey.questions}
        initial={mine.data?.answers ?? []}
        submitLabel={survey.answered ? t('surveys.answer.saveChange') : t('surveys.answer.submit')}
        isPending={answer.isPending}
        error={answer.error}
        onSubmit={(answers) => answer.mutate(answers, { onSuccess: () => setEditing(false) })}
      />
    </Section>
  );
}

function SurveyView({ survey, userId }: { survey: SurveyDto; userId: string | undefined }) {
  const { t } = useTranslation();
  return (
    <div className={styles.layout}>
      <SurveyHeader survey={survey} />
      {survey.description ? <p className={styles.description}>{survey.description}</p> : null}
      <div className={styles.actions}>
        <ButtonLink variant="secondary" to={`/surveys/${encodeURIComponent(survey.id)}/results`}>
          {t('surveys.results.open')}
        </ButtonLink>
      </div>
      {survey.state === 'closed' ? <Alert tone="info">{t('surveys.closed')}</Alert> : null}
      {survey.state === 'scheduled' ? <Alert tone="info">{t('surveys.scheduled')}</Alert> : null}
      {userId && (survey.abilities.takePart || survey.answered) && survey.state !== 'scheduled' ? (
        survey.state === 'open' || survey.answered ? (
          <Answering survey={survey} userId={userId} />
        ) : null
      ) : survey.state === 'open' && !survey.abilities.steer ? (
        <p className={styles.muted}>{t('surveys.notAsked')}</p>
      ) : null}
      {survey.abilities.steer ? <OrganiserPanel survey={survey} /> : null}
    </div>
  );
}

/** `/surveys/:id`: answer a questionnaire, or organise it. */
export function SurveyPage() {
  const { id = '' } = useParams();
  const me = useMe();
  const survey = useSurvey(id, Boolean(me.data));
  if (survey.isPending) return <LoadingState />;
  if (survey.isError) {
    if (isNotFound(survey.error)) return <NotFoundPage />;
    return <ErrorState error={survey.error} onRetry={() => void survey.refetch()} />;
  }
  return <SurveyView survey={survey.data} userId={me.data?.id} />;
}
