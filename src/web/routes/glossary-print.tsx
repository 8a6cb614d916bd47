import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { GlossaryEntry } from '../../contract/glossary.ts';
import { glossaryLetters } from '../../domain/glossary.ts';
import { Button } from '../components/button.tsx';
import { EmptyState } from '../components/empty-state.tsx';
import { MarkdownText } from '../components/markdown-text.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { ErrorState, LoadingState } from '../components/query-state.tsx';
import { useCommunity } from '../features/communities/community-api.ts';
import styles from '../features/glossary/glossary.module.css';
import { useEntry, useGlossary } from '../features/glossary/glossary-api.ts';
import { isNotFound } from '../lib/error-message.ts';
import { useWikiLinks } from './glossary-entry.tsx';
import { NotFoundPage } from './not-found.tsx';

/** One published entry, whole: never split across two printed pages. */
function PrintedEntry({ id }: { id: string }) {
  const entry = useEntry(id, false);
  if (!entry.data) return null;
  return <PrintedText entry={entry.data} />;
}

function PrintedText({ entry: data }: { entry: GlossaryEntry }) {
  const { t } = useTranslation();
  const wikiLink = useWikiLinks(data);
  return (
    <article>
      <h3>{data.term}</h3>
      {data.definition ? <MarkdownText source={data.definition} wikiLink={wikiLink} /> : null}
      {data.argument ? (
        <>
          <p>
            <strong>{t('glossary.entry.argument')}</strong>
          </p>
          <MarkdownText source={data.argument} wikiLink={wikiLink} />
        </>
      ) : null}
      {data.examples.length ? (
        <ul>
          {data.examples.map((example) => (
            <li key={example}>{example}</li>
          ))}
        </ul>
      ) : null}
      {data.sources.length ? (
        <p className={styles.muted}>
          {t('glossary.entry.sourcesList', {
            sources: data.sources.map((s) => `${s.title} (${s.url})`).join(' ; '),
          })}
        </p>
      ) : null}
    </article>
  );
}

/** The booklet: the published entries letter by letter, laid out for paper (glossary.module.css). */
export function GlossaryPrintPage() {
  const { t } = useTranslation();
  const { slug = '' } = useParams();
  const community = useCommunity(slug);
  const glossary = useGlossary(slug, { status: 'published' });
  if (community.isPending || glossary.isPending) return <LoadingState />;
  if (community.isError) {
    if (isNotFound(community.error)) return <NotFoundPage />;
    return <ErrorState error={community.error} onRetry={() => void community.refetch()} />;
  }
  if (glossary.isError) return <ErrorState error={glossary.error} onRetry={() => void glossary.refetch()} />;
  const entries = glossary.data.items;
  return (
    <div className={styles.booklet}>
      <PageHeader
        eyebrow={
          <Link className={styles.noPrint} to={`/c/${slug}/glossary`}>
            {t('glossary.entry.back')}
          </Link>
        }
        title={t('glossary.print.title', { community: community.data.name })}
        actions={
          <span className={styles.noPrint}>
            <Button onClick={() => window.print()}>{t('glossary.print.printNow')}</Button>
          </span>
        }
      />
      {entries.length === 0 ? <EmptyState title={t('glossary.print.empty')} /> : null}
      {glossaryLetters.map((letter) => {
        const ofLetter = entries.filter((entry) => entry.letter === letter);
        if (ofLetter.length === 0) return null;
        return (
          <section key={letter} aria-labelledby={`print-${letter}`}>
            <h2 id={`print-${letter}`}>{letter}</h2>
            {ofLetter.map((entry) => (
              <PrintedEntry key={entry.id} id={entry.id} />
            ))}
          </section>
        );
      })}
    </div>
  );
}
