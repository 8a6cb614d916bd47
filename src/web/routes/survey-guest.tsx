import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import type { SurveyDto } from '../../contract/survey.ts';
import { Alert } from '../components/alert.tsx';
import { CopyField } from '../components/copy-field.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { ErrorState, LoadingState } from '../components/query-state.tsx';
import { Section } from '../components/section.tsx';
import { TextField } from '../components/text-field.tsx';
import {
  useGuestAnswer,
  useGuestChange,
  useGuestResponse,
  useSurveyByLink,
} from '../features/surveys/survey-api.ts';
import { SurveyForm } from '../features/surveys/survey-form.tsx';
import styles from '../features/surveys/surveys.module.css';
import { isNotFound } from '../lib/error-message.ts';
import { NotFoundPage } from './not-found.tsx';

function GuestHeader({ survey }: { survey: SurveyDto }) {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader
        title={survey.title}
        eyebrow={survey.circleName ?? t('surveys.guest.eyebrow')}
        description={survey.anonymous ? t('surveys.guest.anonymous') : t('surveys.guest.named')}
      />
      {survey.description ? <p className={styles.description}>{survey.description}</p> : null}
    </>
  );
}

/** `/q/:token`: a guest answers through the share link, then gets their private link. */
export function SurveyLinkPage() {
  const { t } = useTranslation();
  const { token = '' } = useParams();
  const survey = useSurveyByLink(token);
  const [name, setName] = useState('');
  const [editUrl, setEditUrl] = useState<string | null>(null);
  const answer = useGuestAnswer(survey.data?.id ?? '');
  if (survey.isPending) return <LoadingState />;
  if (survey.isError) {
    if (isNotFound(survey.error)) return <NotFoundPage />;
    return <ErrorState error={survey.error} onRetry={() => void survey.refetch()} />;
  }
  const data = survey.data;
  return (
    <div className={styles.layout}>
      <GuestHeader survey={data} />
      {editUrl ? (
        <Section title={t('surveys.guest.thanksTitle')}>
          <Alert tone="success">{t('surveys.answer.thanks')}</Alert>
          <p>{t('surveys.guest.keepLink')}</p>
          <CopyField label={t('surveys.guest.privateLink')} value={editUrl} />
        </Section>
      ) : data.state !== 'open' ? (
        <Alert tone="info">{data.state === 'closed' ? t('surveys.closed') : t('surveys.scheduled')}</Alert>
      ) : (
        <SurveyForm
          questions={data.questions}
          initial={[]}
          submitLabel={t('surveys.answer.submit')}
          isPending={answer.isPending}
          error={answer.error}
          before={
            data.anonymous ? null : (
              <TextField
                label={t('surveys.guest.name')}
                description={t('surveys.guest.nameHelp')}
                value={name}
                onChange={setName}
                maxLength={100}
                isOptional
              />
            )
          }
          onSubmit={(answers) =>
            answer.mutate(
              { token, answers, ...(name.trim() && !data.anonymous && { name: name.trim() }) },
              { onSuccess: (response) => setEditUrl(response.editUrl) },
            )
          }
        />
      )}
    </div>
  );
}

/** `/surveys/:id/guest/:editToken`: a guest changes their answers with their private link. */
export function SurveyGuestEditPage() {
  const { t } = useTranslation();
  const { id = '', editToken = '' } = useParams();
  const found = useGuestResponse(id, editToken);
  const change = useGuestChange(id, editToken);
  const [saved, setSaved] = useState(false);
  if (found.isPending) return <LoadingState />;
  if (found.isError) {
    if (isNotFound(found.error)) return <NotFoundPage />;
    return <ErrorState error={found.error} onRetry={() => void found.refetch()} />;
  }
  const { survey, answers } = found.data;
  return (
    <div className={styles.layout}>
      <GuestHeader survey={survey} />
      {saved ? <Alert tone="success">{t('surveys.answer.thanks')}</Alert> : null}
      {survey.state === 'open' ? (
        <SurveyForm
          questions={survey.questions}
          initial={answers}
          submitLabel={t('surveys.answer.saveChange')}
          isPending={change.isPending}
          error={change.error}
          onSubmit={(next) => change.mutate(next, { onSuccess: () => setSaved(true) })}
        />
      ) : (
        <Alert tone="info">{t('surveys.closed')}</Alert>
      )}
    </div>
  );
}
