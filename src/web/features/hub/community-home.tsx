import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Community } from '../../../contract/community.ts';
import type { CommunityHome as Home, HomeGlossary } from '../../../contract/hub.ts';
import { ErrorState, LoadingState } from '../../components/query-state.tsx';
import { HomeList } from './home-list.tsx';
import { HomeSearch } from './home-search.tsx';
import styles from './hub.module.css';
import { useCommunityHome } from './hub-api.ts';

function GlossaryProgress({ glossary }: { glossary: HomeGlossary[] }) {
  const { t } = useTranslation();
  const headingId = useId();
  const [entry] = glossary;
  if (!entry) return null;
  return (
    <section className={styles.card} aria-labelledby={headingId}>
      <h2 id={headingId} className={styles.cardTitle}>
        {t('hub.home.glossary')}
      </h2>
      <p>
        <Link to={entry.url} className={styles.itemLink}>
          {t(entry.proposed > 0 ? 'hub.home.glossaryProgress' : 'hub.home.glossaryPublicProgress', entry)}
        </Link>
      </p>
    </section>
  );
}

/** Where to go from the home: the community's other places, those the viewer may open. */
function HomeLinks({ community }: { community: Community }) {
  const { t } = useTranslation();
  const base = `/c/${encodeURIComponent(community.slug)}`;
  const links = [
    { to: `${base}/events`, label: t('events.list.open') },
    { to: `${base}/glossary`, label: t('glossary.open') },
    ...(community.abilities.takePart
      ? [
          { to: `${base}/surveys`, label: t('surveys.community.open') },
          { to: `${base}/learning-designs`, label: t('rex.library.open') },
        ]
      : []),
    { to: `${base}/newsletters`, label: t('newsletters.open') },
    { to: `${base}/map`, label: t('hub.home.map') },
    ...(community.abilities.steer ? [{ to: `${base}/dashboard`, label: t('hub.home.dashboard') }] : []),
  ];
  return (
    <nav className={styles.links} aria-label={t('hub.home.links')}>
      <ul>
        {links.map((link) => (
          <li key={link.to}>
            <Link to={link.to}>{link.label}</Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** The lists in order of usefulness: what comes next, one's own steps, what waits for an answer. */
function HomeLists({ home, signedIn }: { home: Home; signedIn: boolean }) {
  const { t } = useTranslation();
  return (
    <div className={styles.grid}>
      <HomeList
        title={t('hub.home.nextSessions')}
        items={home.nextSessions}
        empty={t('hub.home.noSessions')}
        seeAll={home.seeAll.sessions}
      />
      <HomeList title={t('hub.home.events')} items={home.events} seeAll={home.seeAll.events} />
      <HomeList
        title={t('hub.home.myActions')}
        items={home.myActions}
        {...(signedIn && { empty: t('hub.home.noMyActions') })}
        seeAll={home.seeAll.myActions}
      />
      <HomeList title={t('hub.home.overdue')} items={home.overdueActions} />
      <HomeList
        title={t('hub.home.surveysToAnswer')}
        items={home.surveysToAnswer}
        seeAll={home.seeAll.surveys}
      />
      <HomeList title={t('hub.home.openPolls')} items={home.openPolls} />
      <HomeList title={t('hub.home.openDatePolls')} items={home.openDatePolls} />
      <HomeList title={t('hub.home.signupSheets')} items={home.openSignupSheets} />
      <HomeList
        title={t('hub.home.latestMinutes')}
        items={home.latestMinutes}
        empty={t('hub.home.noMinutes')}
      />
      <GlossaryProgress glossary={home.glossary} />
      <HomeList title={t('hub.home.announcements')} items={home.announcements} showDate={false} />
    </div>
  );
}

/** The community home (gare centrale): search, then every list the viewer may read, then links. */
export function CommunityHome({ community, signedIn }: { community: Community; signedIn: boolean }) {
  const home = useCommunityHome(community.slug);
  return (
    <div className={styles.home}>
      <HomeSearch slug={community.slug} />
      {home.isPending ? (
        <LoadingState />
      ) : home.isError ? (
        <ErrorState error={home.error} onRetry={() => void home.refetch()} />
      ) : (
        <HomeLists home={home.data} signedIn={signedIn} />
      )}
      <HomeLinks community={community} />
    </div>
  );
}
