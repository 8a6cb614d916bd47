import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmButton } from '../../components/confirm-button.tsx';
import { CopyField } from '../../components/copy-field.tsx';
import { FormStatus, type FormStatusMessage } from '../../components/form-status.tsx';
import { ErrorState, LoadingState } from '../../components/query-state.tsx';
import { useErrorMessage } from '../../lib/error-message.ts';
import { useCalendarFeed, useRotateCalendarFeed } from './calendar-api.ts';
import styles from './my-calendar-feed.module.css';

/** "Mon agenda": the personal subscription link, how to use it, and how to replace it. */
export function MyCalendarFeed() {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const feed = useCalendarFeed();
  const rotate = useRotateCalendarFeed();
  const [message, setMessage] = useState<FormStatusMessage | null>(null);

  return (
    <section className={styles.block} aria-labelledby="my-calendar-title">
      <h2 id="my-calendar-title">{t('calendar.feed.title')}</h2>
      <p>{t('calendar.feed.intro')}</p>
      {feed.isPending ? <LoadingState /> : null}
      {feed.isError ? <ErrorState error={feed.error} onRetry={() => void feed.refetch()} /> : null}
      {feed.data ? <CopyField label={t('calendar.feed.url')} value={feed.data.url} /> : null}
      <p className={styles.secret}>{t('calendar.feed.secret')}</p>
      <h3 className={styles.howTitle}>{t('calendar.feed.howTitle')}</h3>
      <ul className={styles.how}>
        <li>{t('calendar.feed.thunderbird')}</li>
        <li>{t('calendar.feed.outlook')}</li>
        <li>{t('calendar.feed.google')}</li>
      </ul>
      <p className={styles.note}>{t('calendar.feed.delay')}</p>
      <div>
        <ConfirmButton
          variant="secondary"
          title={t('calendar.feed.rotateTitle')}
          message={t('calendar.feed.rotateMessage')}
          confirmLabel={t('calendar.feed.rotate')}
          isPending={rotate.isPending}
          onConfirm={() => {
            setMessage(null);
            rotate.mutate(undefined, {
              onSuccess: () => setMessage({ tone: 'success', text: t('calendar.feed.rotated') }),
              onError: (error) => setMessage({ tone: 'danger', text: errorMessage(error) }),
            });
          }}
        >
          {t('calendar.feed.rotate')}
        </ConfirmButton>
      </div>
      <FormStatus message={message} />
    </section>
  );
}
