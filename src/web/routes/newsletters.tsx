import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import type { NewsletterSummary } from '../../contract/newsletters.ts';
import { formatDate } from '../../domain/date-format.ts';
import { Alert } from '../components/alert.tsx';
import { Button } from '../components/button.tsx';
import { EmptyState } from '../components/empty-state.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { ErrorState, LoadingState } from '../components/query-state.tsx';
import { Section } from '../components/section.tsx';
import { ShowMore } from '../components/show-more.tsx';
import { useCommunity } from '../features/communities/community-api.ts';
import { NewsletterForm } from '../features/newsletters/newsletter-form.tsx';
import { ArchiveSetting, NewsletterPreference } from '../features/newsletters/newsletter-settings.tsx';
import styles from '../features/newsletters/newsletters.module.css';
import {
  feedPath,
  useCreateNewsletter,
  useNewsletterSettings,
  useNewsletters,
} from '../features/newsletters/newsletters-api.ts';
import { isNotFound } from '../lib/error-message.ts';
import { NotFoundPage } from './not-found.tsx';

function LetterList({ list, empty }: { list: ReturnType<typeof useNewsletters>; empty: string }) {
  const { t, i18n } = useTranslation();
  const date = (iso: string) => formatDate(new Date(iso), i18n.language, { dateStyle: 'long' });
  const line = (letter: NewsletterSummary) =>
    letter.sentAt
      ? t('newsletters.list.sentOn', { date: date(letter.sentAt) })
      : t('newsletters.list.createdOn', { date: date(letter.createdAt) });
  if (list.isPending) return <LoadingState />;
  if (list.isError) return <ErrorState error={list.error} onRetry={() => void list.refetch()} />;
  if (list.data.length === 0) return <EmptyState isCompact title={empty} />;
  return (
    <>
      <ul className={styles.list}>
        {list.data.map((letter) => (
          <li key={letter.id} className={styles.listItem}>
            <Link className={styles.title} to={`/newsletters/${letter.id}`}>
              {letter.subject}
            </Link>
            <span className={styles.muted}>{line(letter)}</span>
          </li>
        ))}
      </ul>
      <ShowMore list={list} />
    </>
  );
}

/** The community's newsletters: the archive for its readers, drafts and composing for its animators. */
export function CommunityNewslettersPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { slug = '' } = useParams();
  const community = useCommunity(slug);
  const settings = useNewsletterSettings(slug);
  const steers = community.data?.abilities.steer ?? false;
  const sent = useNewsletters(slug, 'sent', community.isSuccess);
  const drafts = useNewsletters(slug, 'draft', steers);
  const create = useCreateNewsletter(slug);
  const [isComposing, setComposing] = useState(false);

  if (community.isPending) return <LoadingState />;
  if (community.isError) {
    if (isNotFound(community.error)) return <NotFoundPage />;
    return <ErrorState error={community.error} onRetry={() => void community.refetch()} />;
  }
  const { name } = community.data;
  const isPublic = settings.data?.publicArchive ?? false;
  const membersOnly = sent.isError && isNotFound(sent.error);

  return (
    <div className={styles.layout}>
      <PageHeader
        eyebrow={<Link to={`/c/${slug}`}>{name}</Link>}
        title={t('newsletters.list.title')}
        documentTitle={t('newsletters.list.documentTitle', { community: name })}
        description={<p>{t('newsletters.list.intro')}</p>}
        actions={
          steers && !isComposing ? (
            <Button onClick={() => setComposing(true)}>{t('newsletters.list.new')}</Button>
          ) : undefined
        }
      />
      {/* Wrapped so that the first section is a first child and takes no extra top margin. */}
      <div>
        {isComposing ? (
          <Section title={t('newsletters.form.createTitle')}>
            <NewsletterForm
              slug={slug}
              isPublic={isPublic}
              submitLabel={t('newsletters.form.create')}
              isPending={create.isPending}
              error={create.error}
              onCancel={() => setComposing(false)}
              onSubmit={(input) =>
                create.mutate(input, { onSuccess: (letter) => void navigate(`/newsletters/${letter.id}`) })
              }
            />
          </Section>
        ) : null}
        {steers ? (
          <Section title={t('newsletters.list.drafts')}>
            <LetterList list={drafts} empty={t('newsletters.list.noDrafts')} />
          </Section>
        ) : null}
        <Section title={t('newsletters.list.archive')}>
          {membersOnly ? (
            <Alert tone="info">{t('newsletters.list.membersOnly')}</Alert>
          ) : (
            <LetterList list={sent} empty={t('newsletters.list.none')} />
          )}
          {isPublic ? (
            <p>
              <a href={feedPath(slug)} type="application/atom+xml">
                {t('newsletters.list.feed')}
              </a>
            </p>
          ) : null}
        </Section>
        {steers && settings.data ? (
          <Section title={t('newsletters.settings.title')}>
            <ArchiveSetting slug={slug} isPublic={settings.data.publicArchive} />
          </Section>
        ) : null}
        {community.data.myStatus === 'active' ? (
          <Section title={t('newsletters.preference.title')}>
            <NewsletterPreference />
          </Section>
        ) : null}
      </div>
    </div>
  );
}
