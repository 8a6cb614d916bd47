import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MailPreferenceValue } from '../../../contract/mail.ts';
import { Button } from '../../components/button.tsx';
import formStyles from '../../components/form.module.css';
import { FormStatus, type FormStatusMessage } from '../../components/form-status.tsx';
import { ErrorState, LoadingState } from '../../components/query-state.tsx';
import { RadioGroupField } from '../../components/radio-group-field.tsx';
import { Section } from '../../components/section.tsx';
import { useErrorMessage } from '../../lib/error-message.ts';
import { useMailPreference, useUpdateMailPreference } from './mail-api.ts';

const choices: readonly MailPreferenceValue[] = ['all', 'digest', 'none'];

/** The profile's "Courriels" section: all mails, the Monday digest only, or none. */
export function MailPreferenceSection() {
  const { t } = useTranslation();
  const current = useMailPreference();
  return (
    <Section title={t('mail.preference.title')} description={t('mail.preference.intro')}>
      {current.isPending ? <LoadingState /> : null}
      {current.isError ? <ErrorState error={current.error} onRetry={() => void current.refetch()} /> : null}
      {current.data ? <MailPreferenceForm initial={current.data} /> : null}
    </Section>
  );
}

function MailPreferenceForm({ initial }: { initial: MailPreferenceValue }) {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const update = useUpdateMailPreference();
  const [preference, setPreference] = useState(initial);
  const [message, setMessage] = useState<FormStatusMessage | null>(null);

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    setMessage(null);
    update.mutate(preference, {
      onSuccess: () => setMessage({ tone: 'success', text: t('mail.preference.saved') }),
      onError: (error) => setMessage({ tone: 'danger', text: errorMessage(error) }),
    });
  }

  return (
    <form className={formStyles.form} onSubmit={onSubmit} noValidate>
      <RadioGroupField<MailPreferenceValue>
        label={t('mail.preference.label')}
        description={t('mail.preference.accountMails')}
        value={preference}
        onChange={setPreference}
        options={choices.map((value) => ({
          value,
          label: t(`mail.preference.${value}`),
          description: t(`mail.preference.${value}Hint`),
        }))}
      />
      <FormStatus message={message} />
      <div className={formStyles.actions}>
        <Button type="submit" isPending={update.isPending}>
          {t('mail.preference.save')}
        </Button>
      </div>
    </form>
  );
}
