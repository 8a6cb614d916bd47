import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormStatus, type FormStatusMessage } from '../../components/form-status.tsx';
import { useErrorMessage } from '../../lib/error-message.ts';
import styles from './newsletters.module.css';
import {
  useNewsletterPreference,
  usePutNewsletterPreference,
  usePutNewsletterSettings,
} from './newsletters-api.ts';

/** A checkbox that saves as soon as it changes, and says so in its live region. */
function SavingToggle(props: {
  label: string;
  checked: boolean;
  isPending: boolean;
  saved: string;
  onChange: (checked: boolean) => Promise<unknown>;
}) {
  const errorMessage = useErrorMessage();
  const [message, setMessage] = useState<FormStatusMessage | null>(null);
  return (
    <div>
      <label className={styles.toggle}>
        <input
          type="checkbox"
          checked={props.checked}
          disabled={props.isPending}
          onChange={(event) =>
            void props
              .onChange(event.target.checked)
              .then(() => setMessage({ tone: 'success', text: props.saved }))
              .catch((error: unknown) => setMessage({ tone: 'danger', text: errorMessage(error) }))
          }
        />
        <span>{props.label}</span>
      </label>
      <FormStatus message={message} />
    </div>
  );
}

/** Animators: whether the archive (and its Atom feed) is public. */
export function ArchiveSetting({ slug, isPublic }: { slug: string; isPublic: boolean }) {
  const { t } = useTranslation();
  const put = usePutNewsletterSettings(slug);
  return (
    <SavingToggle
      label={t('newsletters.settings.public')}
      checked={isPublic}
      isPending={put.isPending}
      saved={t('newsletters.settings.saved')}
      onChange={(checked) => put.mutateAsync(checked)}
    />
  );
}

/** My own choice: receive the newsletters of my communities, or not. */
export function NewsletterPreference() {
  const { t } = useTranslation();
  const preference = useNewsletterPreference(true);
  const put = usePutNewsletterPreference();
  if (!preference.data) return null;
  return (
    <SavingToggle
      label={t('newsletters.preference.label')}
      checked={preference.data.accepts}
      isPending={put.isPending}
      saved={t('newsletters.preference.saved')}
      onChange={(checked) => put.mutateAsync(checked)}
    />
  );
}
