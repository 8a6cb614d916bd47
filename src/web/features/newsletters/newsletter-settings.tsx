import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormStatus, type FormStatusMessage } from '../../components/form-status.tsx';
import { Section } from '../../components/section.tsx';
import { useErrorMessage } from '../../lib/error-message.ts';
import styles from './newsletters.module.css';
import {
  useNewsletterPreference,
  usePutNewsletterPreference,
  usePutNewsletterSettings,
} from './newsletters-api.ts';

/**
 * A checkbox that saves as soon as it changes, and says so in its live region. It shows the new
 * state at once and goes back if the server refuses.
 */
function SavingToggle(props: {
  label: string;
  checked: boolean;
  isPending: boolean;
  saved: string;
  onChange: (checked: boolean) => Promise<unknown>;
}) {
  const errorMessage = useErrorMessage();
  const [message, setMessage] = useState<FormStatusMessage | null>(null);
  const [checked, setChecked] = useState(props.checked);
  const change = (next: boolean) => {
    setChecked(next);
    props
      .onChange(next)
      .then(() => setMessage({ tone: 'success', text: props.saved }))
      .catch((error: unknown) => {
        setChecked(!next);
        setMessage({ tone: 'danger', text: errorMessage(error) });
      });
  };
  return (
    <div>
      <label className={styles.toggle}>
        <input
          type="checkbox"
          checked={checked}
          aria-busy={props.isPending}
          onChange={(event) => change(event.target.checked)}
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

/** On the profile, beside the mail preference: the same switch. */
export function NewsletterPreferenceSection() {
  const { t } = useTranslation();
  return (
    <Section title={t('newsletters.preference.sectionTitle')} description={t('newsletters.preference.intro')}>
      <NewsletterPreference />
    </Section>
  );
}
