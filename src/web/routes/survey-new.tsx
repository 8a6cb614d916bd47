import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import type { SurveyTemplateDto } from '../../contract/survey.ts';
import { DEFAULT_MIN_RESPONDENTS, LOWEST_MIN_RESPONDENTS, type SurveyAudience } from '../../domain/survey.ts';
import { Alert } from '../components/alert.tsx';
import { Button } from '../components/button.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { ErrorState, LoadingState } from '../components/query-state.tsx';
import { RadioGroupField } from '../components/radio-group-field.tsx';
import { Section } from '../components/section.tsx';
import { SelectField } from '../components/select-field.tsx';
import { TextField } from '../components/text-field.tsx';
import { useCircle } from '../features/circles/circle-api.ts';
import { useCommunity } from '../features/communities/community-api.ts';
import { useCircleSessions } from '../features/sessions/session-api.ts';
import {
  type DraftQuestion,
  draftsOf,
  newDraft,
  QuestionBuilder,
  toQuestionInput,
} from '../features/surveys/question-builder.tsx';
import {
  type SurveyCreateInput,
  type SurveyScope,
  useCreateSurvey,
  useSurveyTemplates,
} from '../features/surveys/survey-api.ts';
import { instantOf, MinRespondentsField, SurveyDateFields } from '../features/surveys/survey-fields.tsx';
import styles from '../features/surveys/surveys.module.css';
import { useErrorMessage } from '../lib/error-message.ts';

const FREE = 'free';

/** The circle's sessions, the latest first: whose listed people answer. */
function SessionPicker({
  circleId,
  value,
  onChange,
}: {
  circleId: string;
  value: string;
  onChange: (id: string) => void;
}) {
  const { t } = useTranslation();
  const sessions = useCircleSessions(circleId);
  return (
    <SelectField
      label={t('surveys.create.session')}
      value={value}
      onChange={onChange}
      options={[
        { value: '', label: t('surveys.create.sessionPick') },
        ...[...(sessions.data ?? [])].reverse().map((s) => ({ value: s.id, label: s.title })),
      ]}
    />
  );
}

function NewSurveyForm({
  scope,
  communitySlug,
  placeName,
  circleId,
  forSession,
}: {
  scope: SurveyScope;
  communitySlug: string;
  placeName: string;
  circleId: string | undefined;
  /** From a session's page: its participants answer the end-of-session weather. */
  forSession?: string | undefined;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const errorMessage = useErrorMessage();
  const templates = useSurveyTemplates(communitySlug);
  const create = useCreateSurvey(scope);
  const [templateId, setTemplateId] = useState<string>(forSession ? 'session-weather' : 'circle-evaluation');
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [audience, setAudience] = useState<SurveyAudience>(forSession ? 'participants' : 'members');
  const [sessionId, setSessionId] = useState(forSession ?? '');
  const [anonymous, setAnonymous] = useState(true);
  const [minRespondents, setMinRespondents] = useState(String(DEFAULT_MIN_RESPONDENTS));
  const [opensAt, setOpensAt] = useState('');
  const [closesAt, setClosesAt] = useState('');
  const [drafts, setDrafts] = useState<DraftQuestion[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  if (templates.isPending) return <LoadingState />;
  if (templates.isError)
    return <ErrorState error={templates.error} onRetry={() => void templates.refetch()} />;
  const template: SurveyTemplateDto | undefined = templates.data.find((tpl) => tpl.id === templateId);
  const audiences: SurveyAudience[] = circleId ? ['members', 'participants', 'link'] : ['members', 'link'];

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setProblem(null);
    const questions = drafts ?? (template ? null : []);
    if (!title.trim() && !template) return setProblem(t('surveys.create.titleMissing'));
    if (questions && (questions.length === 0 || questions.some((q) => !q.text.trim()))) {
      return setProblem(t('surveys.create.questionsMissing'));
    }
    if (audience === 'participants' && !sessionId) return setProblem(t('surveys.create.sessionMissing'));
    const opens = instantOf(opensAt);
    const closes = instantOf(closesAt);
    if (opens && closes && Date.parse(closes) <= Date.parse(opens))
      return setProblem(t('surveys.create.closesBeforeOpens'));
    const input: SurveyCreateInput = {
      title: title.trim() || template?.title || '',
      audience,
      anonymous,
      minRespondents: Math.max(LOWEST_MIN_RESPONDENTS, Number(minRespondents) || DEFAULT_MIN_RESPONDENTS),
      ...(description.trim() && { description: description.trim() }),
      ...(template && !questions && { templateId: template.id }),
      ...(questions && { questions: questions.map(toQuestionInput) }),
      ...(audience === 'participants' && sessionId && { sessionId }),
      ...(opens && { opensAt: opens }),
      ...(closes && { closesAt: closes }),
    };
    create.mutate(input, { onSuccess: (survey) => navigate(`/surveys/${encodeURIComponent(survey.id)}`) });
  };

  return (
    <form className={styles.form} onSubmit={submit} noValidate>
      <Section title={t('surveys.create.start')}>
        <RadioGroupField
          label={t('surveys.create.template')}
          value={templateId}
          onChange={(value) => {
            setTemplateId(value);
            setDrafts(value === FREE ? [newDraft()] : null);
          }}
          options={[
            ...templates.data.map((tpl) => ({
              value: tpl.id,
              label: tpl.title,
              description: t('surveys.create.templateQuestions', { count: tpl.questions.length }),
            })),
            { value: FREE, label: t('surveys.create.free'), description: t('surveys.create.freeHelp') },
          ]}
        />
      </Section>
      <Section title={t('surveys.create.about')}>
        <TextField
          label={t('surveys.create.title')}
          description={template ? t('surveys.create.titleDefault', { title: template.title }) : undefined}
          value={title}
          onChange={setTitle}
          maxLength={200}
          isRequired={!template}
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
        <RadioGroupField
          label={t('surveys.create.audience')}
          value={audience}
          onChange={setAudience}
          options={audiences.map((value) => ({
            value,
            label: t(`surveys.audience.${value}`, { place: placeName }),
            description: t(`surveys.audienceHelp.${value}`),
          }))}
        />
        {audience === 'participants' && circleId ? (
          <SessionPicker circleId={circleId} value={sessionId} onChange={setSessionId} />
        ) : null}
        <label className={styles.check}>
          <input
            type="checkbox"
            checked={anonymous}
            onChange={(event) => setAnonymous(event.target.checked)}
          />
          {t('surveys.create.anonymous')}
        </label>
        <p className={styles.muted}>
          {anonymous ? t('surveys.create.anonymousHelp') : t('surveys.create.namedHelp')}
        </p>
        {anonymous ? <MinRespondentsField value={minRespondents} onChange={setMinRespondents} /> : null}
        <SurveyDateFields
          opensAt={opensAt}
          closesAt={closesAt}
          onOpensAt={setOpensAt}
          onClosesAt={setClosesAt}
          opensHelp={t('surveys.create.opensAtHelp')}
        />
      </Section>
      <Section
        title={t('surveys.create.questions')}
        action={
          drafts === null && template ? (
            <Button variant="secondary" onClick={() => setDrafts(draftsOf(template.questions))}>
              {t('surveys.create.adapt')}
            </Button>
          ) : undefined
        }
      >
        {drafts === null && template ? (
          <ol className={styles.list}>
            {template.questions.map((q) => (
              <li key={q.id} className={styles.listItem}>
                <span>{q.text}</span>
                <span className={styles.muted}>{t(`surveys.kind.${q.kind}`)}</span>
              </li>
            ))}
          </ol>
        ) : null}
        {drafts !== null ? <QuestionBuilder drafts={drafts} onChange={setDrafts} /> : null}
      </Section>
      <div role="alert" className={styles.formProblem}>
        {problem ? <Alert tone="danger">{problem}</Alert> : null}
        {create.error ? <Alert tone="danger">{errorMessage(create.error)}</Alert> : null}
      </div>
      <div className={styles.formActions}>
        <Button type="submit" isPending={create.isPending}>
          {t('surveys.create.submit')}
        </Button>
      </div>
    </form>
  );
}

/** `/circles/:id/surveys/new`: a questionnaire for a circle. */
export function NewCircleSurveyPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const [search] = useSearchParams();
  const circle = useCircle(id);
  if (circle.isPending) return <LoadingState />;
  if (circle.isError) return <ErrorState error={circle.error} onRetry={() => void circle.refetch()} />;
  return (
    <div className={styles.layout}>
      <PageHeader
        title={t('surveys.create.heading')}
        eyebrow={circle.data.name}
        description={t('surveys.create.intro')}
      />
      <NewSurveyForm
        scope={{ circleId: circle.data.id }}
        communitySlug={circle.data.communitySlug}
        placeName={circle.data.name}
        circleId={circle.data.id}
        forSession={search.get('session') ?? undefined}
      />
    </div>
  );
}

/** `/c/:slug/surveys/new`: a questionnaire for a whole community (its animators). */
export function NewCommunitySurveyPage() {
  const { t } = useTranslation();
  const { slug = '' } = useParams();
  const community = useCommunity(slug);
  if (community.isPending) return <LoadingState />;
  if (community.isError)
    return <ErrorState error={community.error} onRetry={() => void community.refetch()} />;
  return (
    <div className={styles.layout}>
      <PageHeader
        title={t('surveys.create.heading')}
        eyebrow={community.data.name}
        description={t('surveys.create.intro')}
      />
      <NewSurveyForm
        scope={{ communitySlug: slug }}
        communitySlug={slug}
        placeName={community.data.name}
        circleId={undefined}
      />
    </div>
  );
}
