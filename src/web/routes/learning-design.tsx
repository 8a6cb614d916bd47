import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import type { LearningDesign } from '../../contract/learning-design.ts';
import { Alert } from '../components/alert.tsx';
import { Button } from '../components/button.tsx';
import { ConfirmButton } from '../components/confirm-button.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { ErrorState, LoadingState } from '../components/query-state.tsx';
import { Section } from '../components/section.tsx';
import { DesignForm } from '../features/rex/design-form.tsx';
import { formatDuration } from '../features/rex/duration.ts';
import { PlanSessionForm } from '../features/rex/plan-session-form.tsx';
import styles from '../features/rex/rex.module.css';
import { useDeleteDesign, useDesign, usePatchDesign } from '../features/rex/rex-api.ts';
import { isNotFound, useErrorMessage } from '../lib/error-message.ts';
import { NotFoundPage } from './not-found.tsx';

/** Minutes from the start as "1h05", the agenda's "[12h00 > 12h10]" way of writing times. */
const clock = (minutes: number) => `${Math.floor(minutes / 60)}h${String(minutes % 60).padStart(2, '0')}`;

/** "[0h00 > 0h15] Accueil": each sequence with its offsets from the start, as on an agenda. */
function Sequences({ design }: { design: LearningDesign }) {
  const { t } = useTranslation();
  let elapsed = 0;
  return (
    <ol className={styles.steps}>
      {design.sequences.map((sequence, index) => {
        const from = elapsed;
        elapsed += sequence.minutes;
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: sequences have no id; the list is read-only here.
          <li key={index}>
            <span className={styles.stepTime}>
              [{clock(from)} &gt; {clock(elapsed)}]
            </span>{' '}
            {sequence.title}{' '}
            <span className={styles.muted}>· {t('rex.minutes', { count: sequence.minutes })}</span>
            {(['method', 'materials', 'lead'] as const)
              .filter((key) => sequence[key])
              .map((key) => (
                <p key={key} className={styles.stepDetails}>
                  <strong>{t(`rex.design.${key}`)}</strong> {sequence[key]}
                </p>
              ))}
          </li>
        );
      })}
    </ol>
  );
}

function DesignView({ design }: { design: LearningDesign }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const errorMessage = useErrorMessage();
  const [isEditing, setEditing] = useState(false);
  const [saved, setSaved] = useState(false);
  const patch = usePatchDesign(design.id);
  const remove = useDeleteDesign(design);
  const canEdit = design.abilities.steer;
  // Opened from a branch's library (decision 035): it is planned in the branch's circles (the server
  // checks that the circle's community is the design's or a branch of it, and that the reader
  // steers the circle); what the reader may edit still comes from the design's own abilities.
  const [search] = useSearchParams();
  const branchLibrary = search.get('library');
  const library = branchLibrary ?? design.communitySlug;

  return (
    <div className={styles.layout}>
      <PageHeader
        eyebrow={<Link to={`/c/${library}/learning-designs`}>{t('rex.library.title')}</Link>}
        title={design.title}
        description={
          <p>
            {t('rex.design.total', { duration: formatDuration(t, design.totalMinutes) })}
            {design.createdBy ? ` · ${t('rex.design.by', { name: design.createdBy.name })}` : ''}
          </p>
        }
        actions={
          canEdit && !isEditing ? (
            <>
              <Button
                variant="secondary"
                onClick={() => {
                  setSaved(false);
                  setEditing(true);
                }}
              >
                {t('rex.design.edit')}
              </Button>
              <ConfirmButton
                variant="secondary"
                title={t('rex.design.deleteTitle')}
                message={t('rex.design.deleteMessage')}
                confirmLabel={t('rex.design.delete')}
                isPending={remove.isPending}
                onConfirm={() =>
                  remove.mutate(undefined, {
                    onSuccess: () => void navigate(`/c/${design.communitySlug}/learning-designs`),
                  })
                }
              >
                {t('rex.design.delete')}
              </ConfirmButton>
            </>
          ) : undefined
        }
      />
      {remove.error ? <Alert tone="danger">{errorMessage(remove.error)}</Alert> : null}
      {saved ? <p role="status">{t('rex.form.saved')}</p> : null}
      {isEditing ? (
        <Section title={t('rex.form.editTitle')}>
          <DesignForm
            initial={design}
            submitLabel={t('rex.form.save')}
            isPending={patch.isPending}
            error={patch.error}
            onCancel={() => setEditing(false)}
            onSubmit={(input) =>
              patch.mutate(
                { ...input, audience: input.audience ?? '' },
                {
                  onSuccess: () => {
                    setEditing(false);
                    setSaved(true);
                  },
                },
              )
            }
          />
        </Section>
      ) : (
        <div>
          <Section title={t('rex.design.objectives')}>
            {design.objectives.length ? (
              <ul className={styles.summary}>
                {design.objectives.map((objective) => (
                  <li key={objective}>{objective}</li>
                ))}
              </ul>
            ) : (
              <p className={styles.muted}>{t('rex.design.noObjective')}</p>
            )}
          </Section>
          {design.audience ? (
            <Section title={t('rex.design.audience')}>
              <p>{design.audience}</p>
            </Section>
          ) : null}
          <Section title={t('rex.design.sequences')}>
            <Sequences design={design} />
          </Section>
          {design.abilities.takePart || branchLibrary ? (
            <Section title={t('rex.plan.title')} description={t('rex.plan.intro')}>
              <PlanSessionForm design={design} communitySlug={library} />
            </Section>
          ) : null}
        </div>
      )}
    </div>
  );
}

export function LearningDesignPage() {
  const { id = '' } = useParams();
  const design = useDesign(id);
  if (design.isPending) return <LoadingState />;
  if (design.isError) {
    if (isNotFound(design.error)) return <NotFoundPage />;
    return <ErrorState error={design.error} onRetry={() => void design.refetch()} />;
  }
  return <DesignView design={design.data} />;
}
