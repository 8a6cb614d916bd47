import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { GlossaryEntry } from '../../contract/glossary.ts';
import { foldText, type GlossaryStatus } from '../../domain/glossary.ts';
import { Alert } from '../components/alert.tsx';
import { Badge } from '../components/badge.tsx';
import { Button } from '../components/button.tsx';
import { MarkdownText } from '../components/markdown-text.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { ErrorState, LoadingState } from '../components/query-state.tsx';
import { Section } from '../components/section.tsx';
import { useMe } from '../features/auth/auth-api.ts';
import { EntryEditor } from '../features/glossary/entry-editor.tsx';
import { EntryHistory } from '../features/glossary/entry-history.tsx';
import styles from '../features/glossary/glossary.module.css';
import { useEntry, useSaveEntry, useWriterSignUp } from '../features/glossary/glossary-api.ts';
import { isNotFound, useErrorMessage } from '../lib/error-message.ts';
import { statusTone } from './glossary.tsx';
import { NotFoundPage } from './not-found.tsx';

/** The statuses an animator may move an entry to, from where it is. */
const nextStatuses: Record<GlossaryStatus, { status: GlossaryStatus; label: string }[]> = {
  proposed: [
    { status: 'selected', label: 'select' },
    { status: 'archived', label: 'archive' },
  ],
  selected: [
    { status: 'published', label: 'publish' },
    { status: 'proposed', label: 'propose' },
    { status: 'archived', label: 'archive' },
  ],
  published: [
    { status: 'selected', label: 'select' },
    { status: 'archived', label: 'archive' },
  ],
  archived: [{ status: 'proposed', label: 'propose' }],
};

function StatusActions({ entry }: { entry: GlossaryEntry }) {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const save = useSaveEntry(entry.id);
  return (
    <Section title={t('glossary.entry.steer.title')}>
      <div className={styles.buttons}>
        {nextStatuses[entry.status].map(({ status, label }) => (
          <Button
            key={status}
            variant={status === 'published' ? 'primary' : 'secondary'}
            isPending={save.isPending && save.variables?.status === status}
            onClick={() => save.mutate({ baseRevision: entry.revision, status })}
          >
            {t(`glossary.entry.steer.${label}` as 'glossary.entry.steer.select')}
          </Button>
        ))}
      </div>
      {save.error ? <Alert tone="danger">{errorMessage(save.error)}</Alert> : null}
    </Section>
  );
}

function Writers({ entry, myId }: { entry: GlossaryEntry; myId: string | undefined }) {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const signUp = useWriterSignUp(entry.id);
  const isWriter = entry.writers.some((writer) => writer.id === myId);
  return (
    <Section title={t('glossary.entry.writers')}>
      {entry.writers.length ? (
        <ul>
          {entry.writers.map((writer) => (
            <li key={writer.id}>{writer.name}</li>
          ))}
        </ul>
      ) : (
        <p className={styles.muted}>{t('glossary.entry.noWriters')}</p>
      )}
      {entry.abilities.takePart || isWriter ? (
        <div className={styles.buttons}>
          <Button variant="secondary" isPending={signUp.isPending} onClick={() => signUp.mutate(!isWriter)}>
            {isWriter ? t('glossary.entry.leave') : t('glossary.entry.join')}
          </Button>
        </div>
      ) : null}
      {signUp.error ? <Alert tone="danger">{errorMessage(signUp.error)}</Alert> : null}
      {entry.contributors.length ? (
        <p className={styles.muted}>
          {t('glossary.entry.contributorsList', {
            names: entry.contributors.map((person) => person.name).join(', '),
          })}
        </p>
      ) : null}
    </Section>
  );
}

/** `[[Terme]]` in the text: a link to its entry, or the term marked "to write" when none has it. */
export function useWikiLinks(entry: GlossaryEntry) {
  const { t } = useTranslation();
  return useCallback(
    (term: string) => {
      const link = entry.links.find((candidate) => foldText(candidate.term) === foldText(term));
      return link?.id ? (
        <Link to={`/glossary/${link.id}`}>{term}</Link>
      ) : (
        <span className={styles.toWrite}>{t('glossary.entry.linkToWrite', { term })}</span>
      );
    },
    [entry.links, t],
  );
}

function EntryText({ entry }: { entry: GlossaryEntry }) {
  const { t } = useTranslation();
  const wikiLink = useWikiLinks(entry);
  return (
    <>
      <section className={styles.block} aria-labelledby="definition">
        <h2 id="definition">{t('glossary.entry.definition')}</h2>
        {entry.definition ? (
          <MarkdownText source={entry.definition} wikiLink={wikiLink} />
        ) : (
          <p className={styles.muted}>{t('glossary.entry.noDefinition')}</p>
        )}
      </section>
      {entry.argument ? (
        <section className={styles.block} aria-labelledby="argument">
          <h2 id="argument">{t('glossary.entry.argument')}</h2>
          <MarkdownText source={entry.argument} wikiLink={wikiLink} />
        </section>
      ) : null}
      {entry.examples.length ? (
        <section className={styles.block} aria-labelledby="examples">
          <h2 id="examples">{t('glossary.entry.examples')}</h2>
          <ul>
            {entry.examples.map((example) => (
              <li key={example}>{example}</li>
            ))}
          </ul>
        </section>
      ) : null}
      {entry.sources.length ? (
        <section className={styles.block} aria-labelledby="sources">
          <h2 id="sources">{t('glossary.entry.sources')}</h2>
          <ul>
            {entry.sources.map((source) => (
              <li key={`${source.title}|${source.url}`}>
                <a href={source.url} rel="noopener noreferrer nofollow" target="_blank">
                  {source.title}
                </a>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {entry.related.length || entry.links.length ? (
        <section className={styles.block} aria-labelledby="related">
          <h2 id="related">{t('glossary.entry.related')}</h2>
          <ul>
            {entry.related.map((related) => (
              <li key={related.id}>
                <Link to={`/glossary/${related.id}`}>{related.term}</Link>
              </li>
            ))}
            {entry.links
              .filter((link) => !entry.related.some((related) => related.id === link.id))
              .map((link) =>
                link.id ? (
                  <li key={link.term}>
                    <Link to={`/glossary/${link.id}`}>{link.term}</Link>
                  </li>
                ) : (
                  <li key={link.term} className={styles.muted}>
                    {t('glossary.entry.linkToWrite', { term: link.term })}
                  </li>
                ),
              )}
          </ul>
        </section>
      ) : null}
    </>
  );
}

export function GlossaryEntryPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const me = useMe();
  const entry = useEntry(id, Boolean(me.data));
  const [isEditing, setEditing] = useState(false);
  const [saved, setSaved] = useState(false);

  if (entry.isPending) return <LoadingState />;
  if (entry.isError) {
    if (isNotFound(entry.error)) return <NotFoundPage />;
    return <ErrorState error={entry.error} onRetry={() => void entry.refetch()} />;
  }
  const data = entry.data;
  return (
    <div className={styles.entry}>
      <PageHeader
        eyebrow={<Link to={`/c/${data.communitySlug}/glossary`}>{t('glossary.entry.back')}</Link>}
        title={data.term}
        meta={
          <>
            <Badge tone={statusTone[data.status]}>{t(`glossary.status.${data.status}`)}</Badge>
            <Badge>{t('glossary.entry.letter', { letter: data.letter })}</Badge>
          </>
        }
        description={
          data.vote ? (
            <p>
              {data.vote.tied
                ? t('glossary.entry.voteTied', { count: data.vote.votes })
                : t('glossary.entry.vote', { count: data.vote.votes })}{' '}
              <Link to={`/polls/${data.vote.pollId}`}>{t('glossary.entry.seeVote')}</Link>
            </p>
          ) : undefined
        }
        actions={
          data.abilities.takePart && !isEditing ? (
            <Button
              onClick={() => {
                setSaved(false);
                setEditing(true);
              }}
            >
              {t('glossary.entry.edit')}
            </Button>
          ) : undefined
        }
      />
      {saved ? <p role="status">{t('glossary.entry.saved')}</p> : null}
      {isEditing ? (
        <EntryEditor
          entry={data}
          onDone={(didSave) => {
            setEditing(false);
            setSaved(didSave);
          }}
        />
      ) : (
        <EntryText entry={data} />
      )}
      <Writers entry={data} myId={me.data?.id} />
      {data.abilities.steer ? <StatusActions entry={data} /> : null}
      <EntryHistory entry={data} />
    </div>
  );
}
