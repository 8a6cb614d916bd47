import { lazy, Suspense, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { PageHeader } from '../components/page-header.tsx';
import { ErrorState, LoadingState } from '../components/query-state.tsx';
import { Section } from '../components/section.tsx';
import { useCommunity } from '../features/communities/community-api.ts';
import { levels, shadeOf } from '../features/territories/map-shading.ts';
import { territoryIndex, useCommunityMap, useTerritories } from '../features/territories/territory-api.ts';
import styles from '../features/territories/territory-map.module.css';
import { TerritoryTable } from '../features/territories/territory-table.tsx';
import { isNotFound } from '../lib/error-message.ts';
import { NotFoundPage } from './not-found.tsx';

// The départements' paths are fetched only when the map is drawn, after the page's own chunk.
const FranceMap = lazy(() => import('../features/territories/france-map.tsx'));

function Legend() {
  const { t } = useTranslation();
  return (
    <div>
      <p id="map-legend">{t('territories.map.legend')}</p>
      <ul className={styles.legend} aria-labelledby="map-legend">
        {levels.map((count) => (
          <li key={count} className={styles.legendItem}>
            {/* An SVG swatch: the CSP allows no inline style attribute to colour a span. */}
            <svg className={styles.swatch} viewBox="0 0 16 16" aria-hidden="true">
              <rect width="16" height="16" rx="3" fill={shadeOf(count)} />
            </svg>
            {count === levels.length - 1
              ? t('territories.map.legendMore', { count })
              : t('territories.map.circles', { count })}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** `/c/:slug/map`: where a community's circles and members are, drawn and as a table. */
export function CommunityMapPage() {
  const { t } = useTranslation();
  const { slug = '' } = useParams();
  const community = useCommunity(slug);
  const map = useCommunityMap(slug);
  const territories = useTerritories();
  const index = useMemo(() => territoryIndex(territories.data), [territories.data]);
  const entries = useMemo(() => new Map(map.data?.items.map((e) => [e.code, e])), [map.data]);
  if (community.isPending || map.isPending || territories.isPending) return <LoadingState />;
  for (const query of [community, map, territories]) {
    if (query.isError) {
      if (isNotFound(query.error)) return <NotFoundPage />;
      return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
    }
  }
  if (!community.data || !map.data || !territories.data) return <LoadingState />;
  const names = map.data.communityCodes.map((code) => index.get(code)?.name ?? code).join(', ');
  return (
    <>
      <PageHeader
        eyebrow={<Link to={`/c/${slug}`}>{t('territories.map.back')}</Link>}
        title={t('territories.map.title', { community: community.data.name })}
        documentTitle={t('territories.map.documentTitle', { community: community.data.name })}
        description={
          <>
            <p className={styles.national}>
              {names ? t('territories.map.placed', { names }) : t('territories.map.national')}
            </p>
            <p>{t('territories.map.intro')}</p>
            {map.data.showsMembers ? null : <p>{t('territories.map.membersHidden')}</p>}
          </>
        }
      />
      <div className={styles.layout}>
        <figure className={styles.figure}>
          <Suspense fallback={<p>{t('territories.map.loading')}</p>}>
            <FranceMap entries={entries} territories={index} />
          </Suspense>
          <Legend />
          <figcaption className={styles.attribution}>{t('territories.map.attribution')}</figcaption>
        </figure>
        <Section title={t('territories.map.tableTitle')}>
          <TerritoryTable map={map.data} territories={territories.data} />
        </Section>
        {map.data.branches.length > 0 ? (
          <Section title={t('territories.map.branchesTitle')}>
            <ul className={styles.branches}>
              {map.data.branches.map((branch) => (
                <li key={branch.slug}>
                  <Link to={`/c/${encodeURIComponent(branch.slug)}`}>{branch.name}</Link>
                  {' · '}
                  {branch.territoryCodes.length > 0
                    ? branch.territoryCodes.map((code) => index.get(code)?.name ?? code).join(', ')
                    : t('territories.map.branchNotPlaced')}
                </li>
              ))}
            </ul>
          </Section>
        ) : null}
      </div>
    </>
  );
}
