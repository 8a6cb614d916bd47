import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import type { Circle } from '../../../../contract/circle.ts';
import { Alert } from '../../../components/alert.tsx';
import { Button } from '../../../components/button.tsx';
import { PageHeader } from '../../../components/page-header.tsx';
import { ErrorState, LoadingState } from '../../../components/query-state.tsx';
import { useUnsavedChanges } from '../../../components/unsaved-changes.tsx';
import { useMe } from '../../auth/auth-api.ts';
import { RequireAuth } from '../../auth/require-auth.tsx';
import { useCircle } from '../../circles/circle-api.ts';
import { useCommunity } from '../../communities/community-api.ts';
import { type SessionImportInput, useImportSession, usePreviewSessionImport } from '../session-api.ts';
import { importProblem } from './import-errors.ts';
import styles from './import-notes.module.css';
import { ImportNotesForm } from './import-notes-form.tsx';
import { ImportOffers } from './import-offers.tsx';
import { ImportPreview } from './import-preview.tsx';

/** The server's rule: the circle's facilitators, the community's animators, instance admins. */
function useCanImport(circle: Circle): boolean {
  const community = useCommunity(circle.communitySlug);
  const isAdmin = useMe().data?.isAdmin === true;
  const isFacilitator = circle.myStatus === 'member' && circle.myRole === 'facilitator';
  const isAnimator = community.data?.myStatus === 'active' && community.data.myRole === 'animator';
  return isFacilitator || isAnimator || isAdmin;
}

function ImportNotesView({ circle }: { circle: Circle }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const canImport = useCanImport(circle);
  const preview = usePreviewSessionImport(circle.id);
  const save = useImportSession(circle.id);
  const [input, setInput] = useState<SessionImportInput>({ text: '', timeZone: 'Europe/Paris' });
  // Pasted notes are the one copy the reader may have at hand: leaving asks first. After the
  // import, the app's own navigation to the session is not a link click, so it is not asked.
  useUnsavedChanges(input.text.trim() !== '');
  // The preview shown is the one of these exact inputs; after an edit it must be redone.
  const isCurrent = preview.isSuccess && preview.variables === input;
  const failure = save.error ?? preview.error;
  const problem = failure ? importProblem(failure) : null;

  function change(next: SessionImportInput) {
    setInput(next);
    save.reset();
  }
  function runImport() {
    save.mutate(input, {
      onSuccess: ({ session }) => navigate(`/sessions/${encodeURIComponent(session.id)}`),
    });
  }

  return (
    <>
      <PageHeader
        eyebrow={
          <Link className={styles.eyebrowLink} to={`/circles/${encodeURIComponent(circle.id)}`}>
            {circle.name}
          </Link>
        }
        title={t('sessionImport.title')}
        documentTitle={`${t('sessionImport.title')} · ${circle.name}`}
        description={t('sessionImport.intro')}
      />
      {canImport ? null : <Alert tone="warning">{t('sessionImport.errors.forbidden')}</Alert>}
      <div className={styles.grid}>
        <div className={styles.panel}>
          <ImportNotesForm
            input={input}
            onChange={change}
            onPreview={() => {
              save.reset();
              preview.mutate(input);
            }}
            isPending={preview.isPending}
            problem={problem ? { text: t(problem.key), field: problem.field } : null}
            status={
              isCurrent && preview.data
                ? {
                    tone: 'success',
                    text: t('sessionImport.previewReady', { title: preview.data.session.title }),
                  }
                : null
            }
          />
        </div>
        <section className={styles.panel} aria-label={t('sessionImport.previewTitle')}>
          {preview.data ? (
            <>
              <ImportPreview result={preview.data} />
              <div className={styles.importBar}>
                <Button
                  isPending={save.isPending}
                  onClick={isCurrent ? runImport : () => preview.mutate(input)}
                >
                  {isCurrent ? t('sessionImport.import') : t('sessionImport.preview')}
                </Button>
                <p className={styles.muted}>
                  {isCurrent ? t('sessionImport.importHint') : t('sessionImport.previewStale')}
                </p>
              </div>
              {preview.data.offers && canImport ? (
                <ImportOffers circleId={circle.id} offers={preview.data.offers} />
              ) : null}
            </>
          ) : (
            <div className={styles.placeholder}>
              <h2 className={styles.previewTitle}>{t('sessionImport.previewTitle')}</h2>
              <p className={styles.muted}>{t('sessionImport.previewEmpty')}</p>
            </div>
          )}
        </section>
      </div>
    </>
  );
}

function ImportNotesScreen({ id }: { id: string }) {
  const circle = useCircle(id);
  if (circle.isPending) return <LoadingState />;
  if (circle.isError) return <ErrorState error={circle.error} onRetry={() => void circle.refetch()} />;
  return <ImportNotesView circle={circle.data} />;
}

/** /circles/:id/import: pad notes in, a session out, after a preview (facilitators, so signed in). */
export function ImportNotesPage() {
  const { id = '' } = useParams();
  return <RequireAuth>{() => <ImportNotesScreen id={id} />}</RequireAuth>;
}
