import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { Alert } from '../components/alert.tsx';
import { Badge } from '../components/badge.tsx';
import { Button } from '../components/button.tsx';
import { EmptyState } from '../components/empty-state.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { ErrorState, LoadingState } from '../components/query-state.tsx';
import { Section } from '../components/section.tsx';
import { ShowMore } from '../components/show-more.tsx';
import { useCommunity } from '../features/communities/community-api.ts';
import { DesignForm } from '../features/rex/design-form.tsx';
import { formatDuration } from '../features/rex/duration.ts';
import styles from '../features/rex/rex.module.css';
import { useCreateDesign, useDesigns } from '../features/rex/rex-api.ts';
import { ApiError } from '../lib/api-client.ts';
import { isNotFound } from '../lib/error-message.ts';
import { NotFoundPage } from './not-found.tsx';

/** The community's library of learning designs, and a form to add one (members). */
export function LearningDesignsPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { slug = '' } = useParams();
  const community = useCommunity(slug);
  const isMember = community.data?.abilities.takePart ?? false;
  const designs = useDesigns(slug, community.isSuccess);
  const create = useCreateDesign(slug);
  const [isCreating, setCreating] = useState(false);

  if (community.isPending) return <LoadingState />;
  if (community.isError) {
    if (isNotFound(community.error)) return <NotFoundPage />;
    return <ErrorState error={community.error} onRetry={() => void community.refetch()} />;
  }
  const name = community.data.name;
  const refused = designs.error instanceof ApiError && designs.error.status === 403;

  return (
    <div className={styles.layout}>
      <PageHeader
        eyebrow={<Link to={`/c/${slug}`}>{name}</Link>}
        title={t('rex.library.title')}
        documentTitle={t('rex.library.documentTitle', { community: name })}
        description={<p>{t('rex.library.intro')}</p>}
        actions={
          isMember && !isCreating ? (
            <Button onClick={() => setCreating(true)}>{t('rex.library.new')}</Button>
          ) : undefined
        }
      />
      {isCreating ? (
        <div>
          <Section title={t('rex.form.createTitle')}>
            <DesignForm
              submitLabel={t('rex.form.create')}
              isPending={create.isPending}
              error={create.error}
              onCancel={() => setCreating(false)}
              onSubmit={(input) =>
                create.mutate(input, {
                  onSuccess: (design) => void navigate(`/learning-designs/${design.id}`),
                })
              }
            />
          </Section>
        </div>
      ) : null}
      {designs.isPending && !refused ? <LoadingState /> : null}
      {refused ? <Alert tone="info">{t('rex.library.membersOnly')}</Alert> : null}
      {designs.isError && !refused ? (
        <ErrorState error={designs.error} onRetry={() => void designs.refetch()} />
      ) : null}
      {designs.data && designs.data.length === 0 ? <EmptyState title={t('rex.library.none')} /> : null}
      {designs.data && designs.data.length > 0 ? (
        <ul className={styles.list}>
          {designs.data.map((design) => (
            <li key={design.id} className={styles.listItem}>
              <Link
                className={styles.title}
                to={`/learning-designs/${design.id}${design.fromParent ? `?library=${encodeURIComponent(slug)}` : ''}`}
              >
                {design.title}
              </Link>
              {design.fromParent && community.data.parent ? (
                <Badge tone="neutral">
                  {t('rex.library.fromParent', { name: community.data.parent.name })}
                </Badge>
              ) : null}
              <span className={styles.muted}>
                {t('rex.library.summary', {
                  count: design.sequenceCount,
                  minutes: formatDuration(t, design.totalMinutes),
                })}
              </span>
              {design.audience ? <span className={styles.audience}>{design.audience}</span> : null}
            </li>
          ))}
        </ul>
      ) : null}
      <ShowMore list={designs} />
    </div>
  );
}
