import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import type { TerritoryDto } from '../../contract/territory.ts';
import { isSearchKind, type SearchKind, searchKinds } from '../../domain/search.ts';
import { Button } from '../components/button.tsx';
import { EmptyState } from '../components/empty-state.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { ErrorState, LoadingState } from '../components/query-state.tsx';
import { SelectField } from '../components/select-field.tsx';
import { TextField } from '../components/text-field.tsx';
import { useMe } from '../features/auth/auth-api.ts';
import { useCommunityCircles } from '../features/circles/circle-api.ts';
import { useCommunities, useCommunity } from '../features/communities/community-api.ts';
import { HighlightedText } from '../features/search/highlighted-text.tsx';
import styles from '../features/search/search.module.css';
import { type SearchParams, searchQueryString, useSearch } from '../features/search/search-api.ts';
import { useTerritories } from '../features/territories/territory-api.ts';

const PAGE = 20;
const isDay = (value: string | null): value is string => value !== null && /^\d{4}-\d{2}-\d{2}$/.test(value);

/** Each région, then its départements by number: the order a French reader looks for them in. */
function territoryOptions(territories: readonly TerritoryDto[]) {
  return territories
    .filter((territory) => territory.kind === 'region')
    .flatMap((region) => [
      { value: region.code, label: region.name },
      ...territories
        .filter((territory) => territory.parentCode === region.code)
        .map((department) => ({
          value: department.code,
          label: `\u00a0\u00a0${department.code} – ${department.name}`,
        })),
    ]);
}

/** What the address says is being searched: the address is the state, so results can be shared. */
function paramsFrom(url: URLSearchParams): SearchParams {
  const kind = url.get('kind') ?? '';
  const offset = Number(url.get('offset') ?? 0);
  return {
    q: url.get('q') ?? '',
    community: url.get('community') || undefined,
    // A circle is a community's: without the community, the address's circle is dropped.
    circleId: (url.get('community') && url.get('circleId')) || undefined,
    kind: isSearchKind(kind) ? kind : undefined,
    from: isDay(url.get('from')) ? (url.get('from') ?? undefined) : undefined,
    to: isDay(url.get('to')) ? (url.get('to') ?? undefined) : undefined,
    territory: url.get('territory') || undefined,
    offset: Number.isInteger(offset) && offset > 0 ? offset : 0,
  };
}

/** Search across communities: the form, the ranked results with their matches marked, paging. */
export function SearchPage() {
  const { t, i18n } = useTranslation();
  const [url, setUrl] = useSearchParams();
  const params = paramsFrom(url);
  const [draft, setDraft] = useState(params);
  const results = useSearch({ ...params, limit: PAGE });
  const me = useMe();
  const mine = useCommunities({ mine: true, enabled: Boolean(me.data) });
  const chosen = useCommunity(params.community ?? '');
  const territories = useTerritories();
  // The circles of the community being chosen, every page of them: the filter lists them all.
  const circles = useCommunityCircles(draft.community ?? '', Boolean(draft.community));
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = circles;
  useEffect(() => {
    if (hasNextPage && !isFetchingNextPage) void fetchNextPage();
  }, [hasNextPage, isFetchingNextPage, fetchNextPage]);
  const communities = [...(mine.data ?? [])];
  if (chosen.data && !communities.some((c) => c.slug === chosen.data.slug)) communities.push(chosen.data);

  const go = (next: SearchParams) => setUrl(new URLSearchParams(searchQueryString(next)));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    go({ ...draft, offset: 0 });
  };
  const day = (iso: string) =>
    new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(iso));
  const data = results.data;
  const offset = params.offset ?? 0;

  return (
    <div className={styles.layout}>
      <PageHeader
        title={t('search.title')}
        documentTitle={params.q ? t('search.documentTitle', { query: params.q }) : t('search.title')}
        description={<p>{t('search.intro')}</p>}
      />
      <search>
        <form className={styles.form} onSubmit={submit} aria-label={t('search.title')}>
          <div className={styles.query}>
            <TextField
              label={t('search.query')}
              type="search"
              value={draft.q}
              onChange={(q) => setDraft({ ...draft, q })}
              description={t('search.help')}
              maxLength={200}
            />
          </div>
          <SelectField<SearchKind | ''>
            label={t('search.kind')}
            value={draft.kind ?? ''}
            options={[
              { value: '', label: t('search.anyKind') },
              ...searchKinds.map((kind) => ({ value: kind, label: t(`search.kinds.${kind}`) })),
            ]}
            onChange={(kind) => setDraft({ ...draft, kind: kind || undefined })}
          />
          <SelectField
            label={t('search.community')}
            value={draft.community ?? ''}
            options={[
              { value: '', label: t('search.anyCommunity') },
              ...communities.map((community) => ({ value: community.slug, label: community.name })),
            ]}
            onChange={(community) =>
              setDraft({ ...draft, community: community || undefined, circleId: undefined })
            }
          />
          {draft.community ? (
            <SelectField
              label={t('search.circle')}
              value={draft.circleId ?? ''}
              options={[
                { value: '', label: t('search.anyCircle') },
                ...(circles.data ?? []).map((circle) => ({ value: circle.id, label: circle.name })),
              ]}
              onChange={(circleId) => setDraft({ ...draft, circleId: circleId || undefined })}
            />
          ) : null}
          <SelectField
            label={t('search.territory')}
            value={draft.territory ?? ''}
            options={[
              { value: '', label: t('search.anyTerritory') },
              ...territoryOptions(territories.data ?? []),
            ]}
            onChange={(territory) => setDraft({ ...draft, territory: territory || undefined })}
          />
          <TextField
            label={t('search.from')}
            type="date"
            value={draft.from ?? ''}
            onChange={(from) => setDraft({ ...draft, from: from || undefined })}
          />
          <TextField
            label={t('search.to')}
            type="date"
            value={draft.to ?? ''}
            onChange={(to) => setDraft({ ...draft, to: to || undefined })}
          />
          <div className={styles.submit}>
            <Button type="submit">{t('search.submit')}</Button>
          </div>
        </form>
      </search>
      {params.q && results.isPending ? <LoadingState /> : null}
      {results.isError ? <ErrorState error={results.error} onRetry={() => void results.refetch()} /> : null}
      {params.q && data && data.total === 0 ? (
        <EmptyState title={t('search.none', { query: params.q })}>
          <p>{t('search.noneHint')}</p>
        </EmptyState>
      ) : null}
      {params.q && data && data.total > 0 ? (
        <section aria-labelledby="search-results">
          <p id="search-results" className={styles.total} aria-live="polite">
            {!data.totalIsExact
              ? t('search.many', { first: offset + 1, last: offset + data.items.length, total: data.total })
              : data.total > PAGE
                ? t('search.page', {
                    first: offset + 1,
                    last: Math.min(offset + PAGE, data.total),
                    total: data.total,
                  })
                : t('search.total', { count: data.total })}
          </p>
          <ol className={styles.results}>
            {data.items.map((item) => (
              <li key={`${item.kind}:${item.id}`} className={styles.result}>
                <Link className={styles.title} to={item.url}>
                  <HighlightedText text={item.title} ranges={item.titleHighlights} />
                </Link>
                <p className={styles.meta}>
                  <span>{t(`search.kinds.${item.kind}`)}</span>
                  {item.circle ? <span>{item.circle.name}</span> : null}
                  {item.date ? <span>{day(item.date)}</span> : null}
                </p>
                {item.snippet ? (
                  <p className={styles.snippet}>
                    <HighlightedText text={item.snippet} ranges={item.highlights} />
                  </p>
                ) : null}
              </li>
            ))}
          </ol>
          <div className={styles.form}>
            {offset > 0 ? (
              <Button
                variant="secondary"
                onClick={() => go({ ...params, offset: Math.max(0, offset - PAGE) })}
              >
                {t('search.previous')}
              </Button>
            ) : null}
            {offset + PAGE < data.total || (!data.totalIsExact && data.items.length === PAGE) ? (
              <Button variant="secondary" onClick={() => go({ ...params, offset: offset + PAGE })}>
                {t('search.more')}
              </Button>
            ) : null}
          </div>
        </section>
      ) : null}
    </div>
  );
}
