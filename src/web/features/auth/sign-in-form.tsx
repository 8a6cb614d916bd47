import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Button } from '../../components/button.tsx';
import formStyles from '../../components/form.module.css';
import { FormStatus } from '../../components/form-status.tsx';
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
import { useSignIn } from './auth-api.ts';

const loadSchema = () => userSchemas().then((m) => m.loginSchema);

/** E-mail and password; `onSignedIn` decides where to go next. */
export function SignInForm({ onSignedIn }: { onSignedIn: () => void }) {
  const { t } = useTranslation();
  const issueMessage = useIssueMessage();
  const errorMessage = useErrorMessage();
  const signIn = useSignIn();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [issues, setIssues] = useState<FieldIssues>({});
  const formRef = useFocusFirstInvalid(issues);

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    const result = await validate(loadSchema, { email, password });
    setIssues(result.ok ? {} : result.issues);
    if (result.ok) signIn.mutate(result.data, { onSuccess: onSignedIn });
  }

  // A wrong e-mail and a wrong password get the same answer: no telling which accounts exist.
  const failure =
    signIn.error instanceof ApiError && signIn.error.code === 'UNAUTHENTICATED'
      ? t('auth.signIn.wrongCredentials')
      : signIn.error
        ? errorMessage(signIn.error)
        : (issueMessage(issues.form) ?? null);

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
      <TextField
        label={t('auth.password')}
        type="password"
        autoComplete="current-password"
        value={password}
        onChange={setPassword}
        errorMessage={issueMessage(issues.password)}
        isRequired
      />
      <FormStatus message={failure ? { tone: 'danger', text: failure } : null} />
      <div className={formStyles.actions}>
        <Button type="submit" isPending={signIn.isPending}>
          {t('auth.signIn.submit')}
        </Button>
        <Link to="/forgot-password">{t('auth.signIn.forgot')}</Link>
      </div>
    </form>
  );
}
