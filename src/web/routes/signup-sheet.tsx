import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { PageHeader } from '../components/page-header.tsx';
import { ErrorState, LoadingState } from '../components/query-state.tsx';
import { useMe } from '../features/auth/auth-api.ts';
import { SignInRedirect } from '../features/auth/sign-in-redirect.tsx';
import { DeleteSheetButton } from '../features/signups/delete-sheet-button.tsx';
import { useSignupSheet } from '../features/signups/signup-api.ts';
import { SignupTopicCard } from '../features/signups/signup-topic-card.tsx';
import { isNotFound } from '../lib/error-message.ts';
import { NotFoundPage } from './not-found.tsx';
import styles from './signup-sheet.module.css';

export function SignupSheetPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const me = useMe();
  const sheet = useSignupSheet(id, Boolean(me.data));
  // Signing up takes an account: the sheet is read for signed-in people only.
  if (me.data === null) return <SignInRedirect />;
  if (sheet.isPending) return <LoadingState />;
  if (sheet.isError) {
    if (isNotFound(sheet.error)) return <NotFoundPage />;
    return <ErrorState error={sheet.error} onRetry={() => void sheet.refetch()} />;
  }
  const data = sheet.data;
  return (
    <div className={styles.page}>
      <PageHeader
        eyebrow={
          <Link className={styles.eyebrowLink} to={`/circles/${encodeURIComponent(data.circleId)}`}>
            {data.circleName}
          </Link>
        }
        title={data.title}
        actions={data.abilities.steer ? <DeleteSheetButton sheet={data} /> : null}
        description={
          <p>
            {t('signups.intro')}
            {data.organiserName ? ` ${t('signups.organiser', { name: data.organiserName })}` : null}
          </p>
        }
      />
      <ul className={styles.topics}>
        {data.topics.map((topic) => (
          <SignupTopicCard key={topic.id} sheet={data} topic={topic} myId={me.data?.id} />
        ))}
      </ul>
    </div>
  );
}
