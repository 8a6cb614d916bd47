import { type FormEvent, useDeferredValue, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import type { GlossaryEntrySummary } from '../../contract/glossary.ts';
import { type GlossaryStatus, glossaryLetters, glossaryStatuses } from '../../domain/glossary.ts';
import { Alert } from '../components/alert.tsx';
import { Badge, type BadgeTone } from '../components/badge.tsx';
import { Button } from '../components/button.tsx';
import { ButtonLink } from '../components/button-link.tsx';
import { EmptyState } from '../components/empty-state.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { ErrorState, LoadingState } from '../components/query-state.tsx';
import { Section } from '../components/section.tsx';
import { SelectField } from '../components/select-field.tsx';
import { TextField } from '../components/text-field.tsx';
import { useCommunity } from '../features/communities/community-api.ts';
import styles from '../features/glossary/glossary.module.css';
import {
  type GlossaryFilter,
  markdownExportPath,
  useGlossary,
  useOpenVote,
  useProposeEntry,
} from '../features/glossary/glossary-api.ts';
import { ParentGlossary } from '../features/glossary/parent-glossary.tsx';
import { ApiError } from '../lib/api-client.ts';
import { isNotFound, useErrorMessage } from '../lib/error-message.ts';
import { NotFoundPage } from './not-found.tsx';

export const statusTone: Record<GlossaryStatus, BadgeTone> = {
  proposed: 'neutral',
  selected: 'accent',
  published: 'success',
  archived: 'warning',
};

function EntryLine({ entry }: { entry: GlossaryEntrySummary }) {
  const { t } = useTranslation();
  return (
    <li className={styles.entryLine}>
      <Link to={`/glossary/${entry.id}`} className={styles.term}>
        {entry.term}
      </Link>{' '}
      <Badge tone={statusTone[entry.status]}>{t(`glossary.status.${entry.status}`)}</Badge>
      {!entry.hasDefinition && entry.status !== 'proposed' ? (
        <span className={styles.hint}> {t('glossary.toWrite')}</span>
      ) : null}
      {entry.writers.length > 0 ? (
        <span className={styles.hint}>
          {' · '}
          {t('glossary.writersList', {
            count: entry.writers.length,
            names: entry.writers.map((writer) => writer.name).join(', '),
          })}
        </span>
      ) : null}
    </li>
  );
}

/** "Proposer un mot": the same term twice is refused, with a link to the entry that has it. */
function ProposeForm({ slug }: { slug: string }) {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const [term, setTerm] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const propose = useProposeEntry(slug);
  const existing =
    propose.error instanceof ApiError && propose.error.code === 'CONFLICT'
      ? (propose.error.details as { existingId?: string; existingTerm?: string } | undefined)
      : undefined;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!term.trim()) return;
    propose.mutate(term.trim(), {
      onSuccess: (entry) => {
        setDone(entry.term);
        setTerm('');
      },
    });
  };
  return (
    <Section title={t('glossary.propose.title')}>
      <form className={styles.inlineForm} onSubmit={submit} noValidate>
        <TextField
          label={t('glossary.propose.term')}
          value={term}
          onChange={(value) => {
            setTerm(value);
            setDone(null);
            propose.reset();
          }}
          maxLength={120}
          isRequired
        />
        <Button type="submit" isPending={propose.isPending}>
          {t('glossary.propose.submit')}
        </Button>
      </form>
      {done ? <p role="status">{t('glossary.propose.done', { term: done })}</p> : null}
      {existing?.existingId ? (
        <Alert tone="warning">
          {t('glossary.propose.duplicate', { term: existing.existingTerm ?? '' })}{' '}
          <Link to={`/glossary/${existing.existingId}`}>
            {t('glossary.propose.seeExisting', { term: existing.existingTerm ?? '' })}
          </Link>
        </Alert>
      ) : propose.error ? (
        <Alert tone="danger">{errorMessage(propose.error)}</Alert>
      ) : null}
    </Section>
  );
}

/** "On lance la suite ?": an animator opens a vote on some letters, then lands on the poll. */
function OpenVoteForm({ slug }: { slug: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const errorMessage = useErrorMessage();
  const [letters, setLetters] = useState('');
  const [perLetter, setPerLetter] = useState('3');
  const [problem, setProblem] = useState<string | null>(null);
  const open = useOpenVote(slug);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const list = letters
      .split(/[\s,;]+/)
      .map((letter) => letter.trim().toUpperCase())
      .filter(Boolean);
    if (list.length === 0 || list.some((letter) => !glossaryLetters.includes(letter))) {
      setProblem(t('glossary.vote.badLetters'));
      return;
    }
    setProblem(null);
    open.mutate(
      { letters: list, perLetter: Number(perLetter) || 3 },
      { onSuccess: ({ pollId }) => void navigate(`/polls/${pollId}`) },
    );
  };
  return (
    <Section title={t('glossary.vote.title')} description={t('glossary.vote.intro')}>
      <form className={styles.inlineForm} onSubmit={submit} noValidate>
        <TextField
          label={t('glossary.vote.letters')}
          value={letters}
          onChange={setLetters}
          errorMessage={problem ?? undefined}
          isRequired
        />
        <TextField
          label={t('glossary.vote.perLetter')}
          type="number"
          min={1}
          max={20}
          value={perLetter}
          onChange={setPerLetter}
          isRequired
        />
        <Button type="submit" isPending={open.isPending}>
          {t('glossary.vote.submit')}
        </Button>
      </form>
      {open.error ? <Alert tone="danger">{errorMessage(open.error)}</Alert> : null}
    </Section>
  );
}

export function GlossaryPage() {
  const { t } = useTranslation();
  const { slug = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const letter = params.get('letter') ?? undefined;
  const status = (glossaryStatuses as readonly string[]).includes(params.get('status') ?? '')
    ? (params.get('status') as GlossaryStatus)
    : undefined;
  const [search, setSearch] = useState(params.get('q') ?? '');
  const q = useDeferredValue(search.trim());
  const filter: GlossaryFilter = { letter, status, q: q || undefined };
  const community = useCommunity(slug);
  const glossary = useGlossary(slug, filter);
  const setParam = (name: string, value: string | undefined) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    setParams(next, { replace: true });
  };

  if (community.isPending) return <LoadingState />;
  if (community.isError) {
    if (isNotFound(community.error)) return <NotFoundPage />;
    return <ErrorState error={community.error} onRetry={() => void community.refetch()} />;
  }
  const name = community.data.name;
  const data = glossary.data;
  const byLetter = glossaryLetters
    .map((l) => ({ letter: l, entries: data?.items.filter((entry) => entry.letter === l) ?? [] }))
    .filter((group) => group.entries.length > 0);

  return (
    <div className={styles.layout}>
      <PageHeader
        eyebrow={<Link to={`/c/${slug}`}>{name}</Link>}
        title={t('glossary.title', { community: name })}
        documentTitle={t('glossary.documentTitle', { community: name })}
        description={<p>{t('glossary.intro')}</p>}
        actions={
          <>
            <a className={styles.plainLink} href={markdownExportPath(slug)} download>
              {t('glossary.exports.markdown')}
            </a>
            <ButtonLink variant="secondary" to={`/c/${slug}/glossary/print`}>
              {t('glossary.exports.print')}
            </ButtonLink>
          </>
        }
      />
      <nav aria-label={t('glossary.index')} className={styles.index}>
        <ul>
          <li>
            <Link to={`/c/${slug}/glossary`} aria-current={letter ? undefined : 'page'}>
              {t('glossary.allLetters')}
            </Link>
          </li>
          {(data?.letters ?? []).map(({ letter: l, count }) => (
            <li key={l}>
              <Link
                to={`/c/${slug}/glossary?letter=${encodeURIComponent(l)}`}
                aria-current={letter === l ? 'page' : undefined}
                aria-label={t('glossary.letterLink', { letter: l, count })}
              >
                {l} <span className={styles.count}>{count}</span>
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <div className={styles.filters}>
        <TextField
          label={t('glossary.search')}
          description={t('glossary.searchHelp')}
          type="search"
          value={search}
          onChange={(value) => {
            setSearch(value);
            setParam('q', value.trim() || undefined);
          }}
        />
        <SelectField
          label={t('glossary.statusFilter')}
          value={status ?? ''}
          onChange={(value) => setParam('status', value || undefined)}
          options={[
            { value: '', label: t('glossary.anyStatus') },
            ...glossaryStatuses.map((s) => ({ value: s, label: t(`glossary.status.${s}`) })),
          ]}
        />
      </div>
      {glossary.isPending ? <LoadingState /> : null}
      {glossary.isError ? (
        <ErrorState error={glossary.error} onRetry={() => void glossary.refetch()} />
      ) : null}
      {data && byLetter.length === 0 ? (
        <EmptyState title={q || status || letter ? t('glossary.noneFound') : t('glossary.none')} />
      ) : null}
      {byLetter.map((group) => (
        <section key={group.letter} aria-labelledby={`letter-${group.letter}`} className={styles.letterGroup}>
          <h2 id={`letter-${group.letter}`} className={styles.letter}>
            {group.letter}
          </h2>
          <ul className={styles.entries}>
            {group.entries.map((entry) => (
              <EntryLine key={entry.id} entry={entry} />
            ))}
          </ul>
        </section>
      ))}
      {glossary.hasNextPage ? (
        <Button
          variant="secondary"
          onClick={() => void glossary.fetchNextPage()}
          isPending={glossary.isFetchingNextPage}
        >
          {t('glossary.more')}
        </Button>
      ) : null}
      {community.data.parent ? (
        <ParentGlossary slug={slug} parent={community.data.parent} canCopy={data?.abilities.steer ?? false} />
      ) : null}
      {data?.abilities.takePart ? <ProposeForm slug={slug} /> : null}
      {data?.abilities.steer ? <OpenVoteForm slug={slug} /> : null}
    </div>
  );
}
