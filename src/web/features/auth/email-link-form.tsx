import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../components/button.tsx';
import formStyles from '../../components/form.module.css';
import { FormStatus, type FormStatusMessage } from '../../components/form-status.tsx';
import { TextField } from '../../components/text-field.tsx';
import { userSchemas } from '../../lib/contract-schemas.ts';
import { useErrorMessage } from '../../lib/error-message.ts';
import {
  type FieldIssues,
  preloadSchema,
  useFocusFirstInvalid,
  useIssueMessage,
  validate,
} from '../../lib/form-validation.ts';
import { useRequestMagicLink, useRequestPasswordReset } from './auth-api.ts';

const loadSchema = () => userSchemas().then((m) => m.emailOnlySchema);

export interface EmailLinkFormProps {
  /** Which link to send: a sign-in link, or a password-reset link. */
  purpose: 'magic-link' | 'password-reset';
}

/**
 * Asks for an e-mail and sends a link. The server answers 202 whether or not the address has
 * an account, and so do we: the page must not reveal who is registered.
 */
export function EmailLinkForm({ purpose }: EmailLinkFormProps) {
  const { t } = useTranslation();
  const issueMessage = useIssueMessage();
  const errorMessage = useErrorMessage();
  const magicLink = useRequestMagicLink();
  const passwordReset = useRequestPasswordReset();
  const request = purpose === 'magic-link' ? magicLink : passwordReset;
  const [email, setEmail] = useState('');
  const [issues, setIssues] = useState<FieldIssues>({});
  const [message, setMessage] = useState<FormStatusMessage | null>(null);
  const formRef = useFocusFirstInvalid(issues);

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    setMessage(null);
    const result = await validate(loadSchema, { email });
    setIssues(result.ok ? {} : result.issues);
    if (!result.ok) {
      const formIssue = issueMessage(result.issues.form);
      if (formIssue) setMessage({ tone: 'danger', text: formIssue });
      return;
    }
    request.mutate(result.data, {
      onSuccess: () =>
        setMessage({
          tone: 'success',
          text: t(purpose === 'magic-link' ? 'auth.magicLink.sent' : 'auth.forgot.sent', {
            email: result.data.email,
          }),
        }),
      onError: (error) => setMessage({ tone: 'danger', text: errorMessage(error) }),
    });
  }

  return (
    <form
      ref={formRef}
      className={formStyles.form}
      onSubmit={onSubmit}
      onFocus={preloadSchema(loadSchema)}
      noValidate
    >
      <TextField
        label={t('auth.email')}
        type="email"
        autoComplete="email"
        value={email}
        onChange={setEmail}
        errorMessage={issueMessage(issues.email)}
        isRequired
      />
      <FormStatus message={message} />
      <div className={formStyles.actions}>
        <Button type="submit" isPending={request.isPending}>
          {purpose === 'magic-link' ? t('auth.magicLink.submit') : t('auth.forgot.submit')}
        </Button>
      </div>
    </form>
  );
}
