import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../components/button.tsx';
import { ButtonLink } from '../../components/button-link.tsx';
import formStyles from '../../components/form.module.css';
import { FormStatus, type FormStatusMessage } from '../../components/form-status.tsx';
import { TextField } from '../../components/text-field.tsx';
import { ApiError } from '../../lib/api-client.ts';
import { userSchemas } from '../../lib/contract-schemas.ts';
import { useErrorMessage } from '../../lib/error-message.ts';
import {
  type FieldIssues,
  preloadSchema,
  useFocusFirstInvalid,
  useIssueMessage,
  validate,
} from '../../lib/form-validation.ts';
import { useConfirmPasswordReset } from './auth-api.ts';

const loadSchema = () => userSchemas().then((m) => m.passwordResetConfirmSchema);

/** Chooses a new password with the token from the e-mailed link. */
export function ResetPasswordForm({ token }: { token: string }) {
  const { t } = useTranslation();
  const issueMessage = useIssueMessage();
  const errorMessage = useErrorMessage();
  const confirm = useConfirmPasswordReset();
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [issues, setIssues] = useState<FieldIssues>({});
  const [message, setMessage] = useState<FormStatusMessage | null>(null);
  const formRef = useFocusFirstInvalid(issues);

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    setMessage(null);
    const result = await validate(loadSchema, { token, password });
    const next: FieldIssues = result.ok ? {} : result.issues;
    if (!next.password && password !== repeat) next.repeat = { key: 'validation.passwordsDiffer' };
    setIssues(next);
    const formIssue = issueMessage(next.form);
    if (formIssue) setMessage({ tone: 'danger', text: formIssue });
    if (!result.ok || next.repeat) return;
    confirm.mutate(result.data, {
      onError: (error) =>
        setMessage({
          tone: 'danger',
          // The server answers INVALID_INPUT for an unknown or expired token.
          text:
            error instanceof ApiError && error.code === 'INVALID_INPUT'
              ? t('auth.reset.invalidToken')
              : errorMessage(error),
        }),
    });
  }

  const status: FormStatusMessage | null = confirm.isSuccess
    ? { tone: 'success', text: t('auth.reset.done') }
    : message;

  // The live region sits outside the form so that it survives the form's removal on success.
  return (
    <div className={formStyles.form}>
      {confirm.isSuccess ? null : (
        <form
          ref={formRef}
          className={formStyles.form}
          onSubmit={onSubmit}
          onFocus={preloadSchema(loadSchema)}
          noValidate
        >
          <TextField
            label={t('auth.reset.password')}
            description={t('auth.passwordHint')}
            type="password"
            autoComplete="new-password"
            value={password}
            onChange={setPassword}
            errorMessage={issueMessage(issues.password)}
            isRequired
          />
          <TextField
            label={t('auth.reset.repeat')}
            type="password"
            autoComplete="new-password"
            value={repeat}
            onChange={setRepeat}
            errorMessage={issueMessage(issues.repeat)}
            isRequired
          />
          <div className={formStyles.actions}>
            <Button type="submit" isPending={confirm.isPending}>
              {t('auth.reset.submit')}
            </Button>
          </div>
        </form>
      )}
      <FormStatus message={status} />
      {confirm.isSuccess ? (
        <div>
          <ButtonLink to="/sign-in">{t('auth.reset.signIn')}</ButtonLink>
        </div>
      ) : null}
    </div>
  );
}
