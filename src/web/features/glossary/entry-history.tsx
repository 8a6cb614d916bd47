import { diffWords } from 'diff';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { GlossaryEntry, GlossaryRevision } from '../../../contract/glossary.ts';
import { Alert } from '../../components/alert.tsx';
import { Button } from '../../components/button.tsx';
import { ErrorState, LoadingState } from '../../components/query-state.tsx';
import { Section } from '../../components/section.tsx';
import { useErrorMessage } from '../../lib/error-message.ts';
import styles from './glossary.module.css';
import { useRestoreRevision, useRevisions } from './glossary-api.ts';

/** A revision's text as one document, field by field, for a word diff between two revisions. */
function textOf(revision: GlossaryRevision, t: TFunction): string {
  const parts = [revision.term];
  if (revision.definition) parts.push(`${t('glossary.entry.definition')}\n${revision.definition}`);
  if (revision.argument) parts.push(`${t('glossary.entry.argument')}\n${revision.argument}`);
  if (revision.examples.length)
    parts.push(`${t('glossary.entry.examples')}\n${revision.examples.join('\n')}`);
  if (revision.sources.length) {
    parts.push(
      `${t('glossary.entry.sources')}\n${revision.sources.map((s) => `${s.title} | ${s.url}`).join('\n')}`,
    );
  }
  return parts.join('\n\n');
}

/** What changed from the revision before: insertions and deletions, word by word. */
function Changes({ before, after }: { before: GlossaryRevision | undefined; after: GlossaryRevision }) {
  const { t } = useTranslation();
  const parts = diffWords(before ? textOf(before, t) : '', textOf(after, t));
  const statusChange =
    before && before.status !== after.status ? (
      <p>
        {t('glossary.entry.statusChange', {
          from: t(`glossary.status.${before.status}`),
          to: t(`glossary.status.${after.status}`),
        })}
      </p>
    ) : null;
  if (before && !parts.some((part) => part.added || part.removed)) {
    return statusChange ?? <p className={styles.muted}>{t('glossary.entry.unchanged')}</p>;
  }
  return (
    <>
      {statusChange}
      <p className={styles.diff}>
        {parts.map((part, index) => {
          // The diff's parts are a static list for this pair of revisions: their order is their identity.
          const key = `${index}`;
          if (part.added) return <ins key={key}>{part.value}</ins>;
          if (part.removed) return <del key={key}>{part.value}</del>;
          return <span key={key}>{part.value}</span>;
        })}
      </p>
    </>
  );
}

/** "Historique": who changed what and when, each change as a diff, and any version restorable. */
export function EntryHistory({ entry }: { entry: GlossaryEntry }) {
  const { t, i18n } = useTranslation();
  const errorMessage = useErrorMessage();
  const revisions = useRevisions(entry.id, true);
  const restore = useRestoreRevision(entry.id);
  const date = (iso: string) =>
    new Intl.DateTimeFormat(i18n.language, { dateStyle: 'long', timeStyle: 'short' }).format(new Date(iso));
  return (
    <Section title={t('glossary.entry.history')}>
      {revisions.isPending ? <LoadingState /> : null}
      {revisions.isError ? (
        <ErrorState error={revisions.error} onRetry={() => void revisions.refetch()} />
      ) : null}
      {restore.isSuccess ? (
        <p role="status">{t('glossary.entry.restored', { revision: restore.variables?.revision })}</p>
      ) : null}
      {restore.error ? <Alert tone="danger">{errorMessage(restore.error)}</Alert> : null}
      <ol className={styles.history}>
        {(revisions.data?.items ?? []).map((revision, index, all) => (
          <li key={revision.revision} className={styles.historyItem}>
            <p>
              <strong>
                {revision.author
                  ? t('glossary.entry.revisionBy', {
                      revision: revision.revision,
                      name: revision.author.name,
                      date: date(revision.createdAt),
                    })
                  : t('glossary.entry.revisionByVote', {
                      revision: revision.revision,
                      date: date(revision.createdAt),
                    })}
              </strong>{' '}
              · {t(`glossary.status.${revision.status}`)}
            </p>
            <Changes before={all[index + 1]} after={revision} />
            {entry.abilities.takePart && revision.revision !== entry.revision ? (
              <Button
                variant="secondary"
                size="sm"
                isPending={restore.isPending && restore.variables?.revision === revision.revision}
                onClick={() => restore.mutate({ revision: revision.revision, baseRevision: entry.revision })}
              >
                {t('glossary.entry.restore')}
              </Button>
            ) : null}
          </li>
        ))}
      </ol>
    </Section>
  );
}
