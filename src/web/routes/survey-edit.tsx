import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import type { SurveyDto, SurveyPatch } from '../../contract/survey.ts';
import { LOWEST_MIN_RESPONDENTS } from '../../domain/survey.ts';
import { Alert } from '../components/alert.tsx';
import { Button } from '../components/button.tsx';
import { ButtonLink } from '../components/button-link.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { ErrorState, LoadingState } from '../components/query-state.tsx';
import { Section } from '../components/section.tsx';
import { TextField } from '../components/text-field.tsx';
import { useUnsavedChanges } from '../components/unsaved-changes.tsx';
import { useMe } from '../features/auth/auth-api.ts';
import {
  type DraftQuestion,
  draftsOf,
  QuestionBuilder,
  toQuestionInput,
} from '../features/surveys/question-builder.tsx';
import { usePatchSurvey, useSurvey } from '../features/surveys/survey-api.ts';
import {
  instantOf,
  localOf,
  MinRespondentsField,
  SurveyDateFields,
} from '../features/surveys/survey-fields.tsx';
import styles from '../features/surveys/surveys.module.css';
import { isNotFound, useErrorMessage } from '../lib/error-message.ts';
import { NotFoundPage } from './not-found.tsx';

function EditForm({ survey }: { survey: SurveyDto }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const errorMessage = useErrorMessage();
  const patch = usePatchSurvey(survey.id);
  const [title, setTitle] = useState(survey.title);
  const [description, setDescription] = useState(survey.description);
  const [opensAt, setOpensAt] = useState(localOf(survey.opensAt));
  const [closesAt, setClosesAt] = useState(localOf(survey.closesAt));
  const [minRespondents, setMinRespondents] = useState(String(survey.minRespondents));
  // Questions change only while nobody has answered (the server says 409 after).
  const canEditQuestions = survey.respondents === 0;
  // An anonymous questionnaire with answers, once closed, is not reopened (decision 028).
  const staysClosed = survey.anonymous && survey.state === 'closed' && survey.respondents > 0;
  const [drafts, setDrafts] = useState<DraftQuestion[]>(() => draftsOf(survey.questions));
  const [questionsTouched, setQuestionsTouched] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const changed =
    title !== survey.title ||
    description !== survey.description ||
    opensAt !== localOf(survey.opensAt) ||
    closesAt !== localOf(survey.closesAt) ||
    minRespondents !== String(survey.minRespondents) ||
    questionsTouched;
  useUnsavedChanges(changed && !patch.isSuccess);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setProblem(null);
    if (!title.trim()) return setProblem(t('surveys.create.titleMissing'));
    if (questionsTouched && (drafts.length === 0 || drafts.some((d) => !d.text.trim()))) {
      return setProblem(t('surveys.create.questionsMissing'));
    }
    const opens = instantOf(opensAt) ?? null;
    const closes = instantOf(closesAt) ?? null;
    if (opens && closes && Date.parse(closes) <= Date.parse(opens))
      return setProblem(t('surveys.create.closesBeforeOpens'));
    const body: SurveyPatch = {
      title: title.trim(),
      description: description.trim(),
      ...(opensAt !== localOf(survey.opensAt) && { opensAt: opens }),
      ...(closesAt !== localOf(survey.closesAt) && { closesAt: closes }),
      ...(survey.anonymous && {
        minRespondents: Math.max(LOWEST_MIN_RESPONDENTS, Number(minRespondents) || survey.minRespondents),
      }),
      ...(questionsTouched && { questions: drafts.map(toQuestionInput) }),
    };
    patch.mutate(body, { onSuccess: () => navigate(`/surveys/${encodeURIComponent(survey.id)}`) });
  };

  return (
    <form className={styles.form} onSubmit={submit} noValidate>
      <Section title={t('surveys.create.about')}>
        <TextField
          label={t('surveys.create.title')}
          value={title}
          onChange={setTitle}
          maxLength={200}
          isRequired
        />
        <TextField
          label={t('surveys.create.description')}
          value={description}
          onChange={setDescription}
          multiline
          rows={3}
          maxLength={5000}
          isOptional
        />
        {survey.anonymous ? (
          <MinRespondentsField value={minRespondents} onChange={setMinRespondents} />
        ) : null}
        {staysClosed ? (
          <p className={styles.muted}>{t('surveys.edit.staysClosed')}</p>
        ) : (
          <SurveyDateFields
            opensAt={opensAt}
            closesAt={closesAt}
            onOpensAt={setOpensAt}
            onClosesAt={setClosesAt}
            closesHelp={survey.state === 'closed' ? t('surveys.edit.reopenHelp') : undefined}
          />
        )}
      </Section>
      <Section title={t('surveys.create.questions')}>
        {canEditQuestions ? (
          <QuestionBuilder
            drafts={drafts}
            onChange={(next) => {
              setDrafts(next);
              setQuestionsTouched(true);
            }}
          />
        ) : (
          <p className={styles.muted}>{t('surveys.edit.questionsLocked', { count: survey.respondents })}</p>
        )}
      </Section>
      <div role="alert" className={styles.formProblem}>
        {problem ? <Alert tone="danger">{problem}</Alert> : null}
        {patch.error ? <Alert tone="danger">{errorMessage(patch.error)}</Alert> : null}
      </div>
      <div className={styles.formActions}>
        <Button type="submit" isPending={patch.isPending}>
          {t('surveys.edit.save')}
        </Button>
        <ButtonLink variant="secondary" to={`/surveys/${encodeURIComponent(survey.id)}`}>
          {t('surveys.edit.cancel')}
        </ButtonLink>
      </div>
    </form>
  );
}

/** `/surveys/:id/edit`: its organisers change its wording, dates and threshold; its questions until the first answer. */
export function SurveyEditPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const me = useMe();
  const survey = useSurvey(id, Boolean(me.data));
  if (survey.isPending) return <LoadingState />;
  if (survey.isError) {
    if (isNotFound(survey.error)) return <NotFoundPage />;
    return <ErrorState error={survey.error} onRetry={() => void survey.refetch()} />;
  }
  if (!survey.data.abilities.steer) return <NotFoundPage />;
  return (
    <div className={styles.layout}>
      <PageHeader title={t('surveys.edit.heading')} eyebrow={survey.data.title} />
      <EditForm survey={survey.data} />
    </div>
  );
}
