import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { GlossaryEntry } from '../../../contract/glossary.ts';
import { Alert } from '../../components/alert.tsx';
import { Button } from '../../components/button.tsx';
import { TextField } from '../../components/text-field.tsx';
import { ApiError } from '../../lib/api-client.ts';
import { useErrorMessage } from '../../lib/error-message.ts';
import styles from './glossary.module.css';
import { useGlossary, useSaveEntry } from './glossary-api.ts';

interface Draft {
  term: string;
  definition: string;
  argument: string;
  examples: string;
  sources: string;
}

const draftOf = (entry: GlossaryEntry): Draft => ({
  term: entry.term,
  definition: entry.definition,
  argument: entry.argument,
  examples: entry.examples.join('\n'),
  sources: entry.sources.map((source) => `${source.title} | ${source.url}`).join('\n'),
});

const lines = (text: string) =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);

/** "Titre | https://…": the address is after the last bar; a line without one is its own title. */
function sourcesOf(text: string) {
  return lines(text).map((line) => {
    const bar = line.lastIndexOf('|');
    if (bar < 0) return { title: line, url: line };
    const title = line.slice(0, bar).trim();
    const url = line.slice(bar + 1).trim();
    return { title: title || url, url };
  });
}

/** One version of the entry's text, read-only, for the writer to compare with theirs. */
function Version({ title, draft }: { title: string; draft: Draft }) {
  const { t } = useTranslation();
  return (
    <div className={styles.version}>
      <h3>{title}</h3>
      <p>
        <strong>{draft.term}</strong>
      </p>
      {draft.definition ? <p>{draft.definition}</p> : null}
      {draft.argument ? (
        <p>
          <em>{t('glossary.entry.argument')}</em>
          {'\n'}
          {draft.argument}
        </p>
      ) : null}
      {draft.examples ? <p>{draft.examples}</p> : null}
      {draft.sources ? <p>{draft.sources}</p> : null}
    </div>
  );
}

/**
 * Writing an entry, from the revision it was opened at. When someone saved in between, the server
 * refuses the save and returns their version: both are shown, the writer's text stays in the form,
 * and the next save is based on their revision, so nothing either wrote is lost unseen.
 */
export function EntryEditor({ entry, onDone }: { entry: GlossaryEntry; onDone: (saved: boolean) => void }) {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const [draft, setDraft] = useState<Draft>(() => draftOf(entry));
  const [baseRevision, setBaseRevision] = useState(entry.revision);
  const [theirs, setTheirs] = useState<GlossaryEntry | null>(null);
  const [relatedIds, setRelatedIds] = useState(() => entry.related.map((related) => related.id));
  const save = useSaveEntry(entry.id);
  const others = (useGlossary(entry.communitySlug, {}).data?.items ?? []).filter(
    (other) => other.id !== entry.id && other.status !== 'archived',
  );
  const field = (name: keyof Draft) => ({
    value: draft[name],
    onChange: (value: string) => setDraft((current) => ({ ...current, [name]: value })),
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate(
      {
        baseRevision,
        term: draft.term.trim(),
        definition: draft.definition,
        argument: draft.argument,
        examples: lines(draft.examples),
        sources: sourcesOf(draft.sources),
        relatedIds,
      },
      {
        onSuccess: () => {
          setTheirs(null);
          onDone(true);
        },
        onError: (error) => {
          const current =
            error instanceof ApiError && error.code === 'CONFLICT'
              ? (error.details as { current?: GlossaryEntry } | undefined)?.current
              : undefined;
          if (current) {
            setTheirs(current);
            setBaseRevision(current.revision);
          }
        },
      },
    );
  };

  const lastAuthor = theirs?.contributors.at(-1)?.name;
  return (
    <form className={styles.editForm} onSubmit={submit} noValidate>
      {theirs ? (
        <Alert tone="warning" title={t('glossary.entry.conflict.title')} role="alert">
          <p>{t('glossary.entry.conflict.intro')}</p>
          <div className={styles.versions}>
            <Version
              title={
                lastAuthor
                  ? t('glossary.entry.conflict.theirs', { name: lastAuthor })
                  : t('glossary.entry.conflict.theirsAnonymous')
              }
              draft={draftOf(theirs)}
            />
            <Version title={t('glossary.entry.conflict.mine')} draft={draft} />
          </div>
        </Alert>
      ) : null}
      <TextField label={t('glossary.propose.term')} maxLength={120} isRequired {...field('term')} />
      <TextField
        label={t('glossary.entry.definition')}
        description={t('glossary.entry.wikiHelp')}
        multiline
        rows={6}
        maxLength={20000}
        isOptional
        {...field('definition')}
      />
      <TextField
        label={t('glossary.entry.argument')}
        description={t('glossary.entry.argumentHelp')}
        multiline
        rows={6}
        maxLength={20000}
        isOptional
        {...field('argument')}
      />
      <TextField
        label={t('glossary.entry.examples')}
        description={t('glossary.entry.examplesHelp')}
        multiline
        rows={3}
        isOptional
        {...field('examples')}
      />
      <TextField
        label={t('glossary.entry.sources')}
        description={t('glossary.entry.sourcesHelp')}
        multiline
        rows={3}
        isOptional
        {...field('sources')}
      />
      {others.length ? (
        <fieldset className={styles.related}>
          <legend>{t('glossary.entry.related')}</legend>
          {others.map((other) => (
            <label key={other.id}>
              <input
                type="checkbox"
                checked={relatedIds.includes(other.id)}
                onChange={(event) =>
                  setRelatedIds((current) =>
                    event.target.checked ? [...current, other.id] : current.filter((id) => id !== other.id),
                  )
                }
              />{' '}
              {other.term}
            </label>
          ))}
        </fieldset>
      ) : null}
      {save.error && !theirs ? <Alert tone="danger">{errorMessage(save.error)}</Alert> : null}
      <div className={styles.buttons}>
        <Button type="submit" isPending={save.isPending}>
          {t('glossary.entry.save')}
        </Button>
        <Button variant="secondary" onClick={() => onDone(false)}>
          {t('glossary.entry.cancel')}
        </Button>
      </div>
    </form>
  );
}
