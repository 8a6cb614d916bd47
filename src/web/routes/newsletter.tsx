import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { formatDate } from '../../domain/date-format.ts';
import { Badge } from '../components/badge.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { ErrorState, LoadingState } from '../components/query-state.tsx';
import { DraftTools, LetterContent } from '../features/newsletters/newsletter-draft.tsx';
import styles from '../features/newsletters/newsletters.module.css';
import { useNewsletter } from '../features/newsletters/newsletters-api.ts';
import { isNotFound } from '../lib/error-message.ts';
import { NotFoundPage } from './not-found.tsx';

/** One newsletter: read it; while it is a draft, its animators edit, preview and send it. */
export function NewsletterPage() {
  const { t, i18n } = useTranslation();
  const { id = '' } = useParams();
  const letter = useNewsletter(id);
  if (letter.isPending) return <LoadingState />;
  if (letter.isError) {
    if (isNotFound(letter.error)) return <NotFoundPage />;
    return <ErrorState error={letter.error} onRetry={() => void letter.refetch()} />;
  }
  const data = letter.data;
  const isDraft = data.status === 'draft';
  return (
    <div className={styles.layout}>
      <PageHeader
        eyebrow={<Link to={`/c/${data.communitySlug}/newsletters`}>{t('newsletters.letter.back')}</Link>}
        title={data.subject}
        meta={
          <Badge tone={isDraft ? 'warning' : 'success'}>
            {isDraft ? t('newsletters.letter.draft') : t('newsletters.letter.sent')}
          </Badge>
        }
        description={
          data.sentAt ? (
            <p>
              {t('newsletters.letter.sentTo', {
                count: data.recipientCount ?? 0,
                date: formatDate(new Date(data.sentAt), i18n.language, { dateStyle: 'long' }),
              })}
            </p>
          ) : undefined
        }
      />
      <article className={styles.letter}>
        <LetterContent letter={data} />
      </article>
      {isDraft && data.abilities.steer ? <DraftTools letter={data} /> : null}
    </div>
  );
}
