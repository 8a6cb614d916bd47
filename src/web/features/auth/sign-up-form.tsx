import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../components/button.tsx';
import formStyles from '../../components/form.module.css';
import { FormStatus } from '../../components/form-status.tsx';
import { TextField } from '../../components/text-field.tsx';
import { ApiError } from '../../lib/api-client.ts';
import { userSchemas } from '../../lib/contract-schemas.ts';
import { useErrorMessage } from '../../lib/error-message.ts';
import {
  type FieldIssues,
  issuesFromApiError,
  preloadSchema,
  useFocusFirstInvalid,
  useIssueMessage,
  validate,
} from '../../lib/form-validation.ts';
import { useSignUp } from './auth-api.ts';

const loadSchema = () => userSchemas().then((m) => m.registerSchema);

export interface SignUpFormProps {
  onSignedUp: () => void;
  /** Values already known (an invitation's name and address), still editable. */
  initial?: { name?: string; email?: string };
}

export function SignUpForm({ onSignedUp, initial }: SignUpFormProps) {
  const { t } = useTranslation();
  const issueMessage = useIssueMessage();
  const errorMessage = useErrorMessage();
  const signUp = useSignUp();
  const [name, setName] = useState(initial?.name ?? '');
  const [email, setEmail] = useState(initial?.email ?? '');
  const [password, setPassword] = useState('');
  const [issues, setIssues] = useState<FieldIssues>({});
  const formRef = useFocusFirstInvalid(issues);

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    const result = await validate(loadSchema, { name, email, password });
    setIssues(result.ok ? {} : result.issues);
    if (result.ok) signUp.mutate(result.data, { onSuccess: onSignedUp });
  }

  const isTaken = signUp.error instanceof ApiError && signUp.error.code === 'CONFLICT';
  const serverIssues = issuesFromApiError(signUp.error);
  const hasFormError = Boolean(signUp.error) && !isTaken && Object.keys(serverIssues).length === 0;
  const formMessage = hasFormError ? errorMessage(signUp.error) : issueMessage(issues.form);

  return (
    <form
      ref={formRef}
      className={formStyles.form}
      onSubmit={onSubmit}
      onFocus={preloadSchema(loadSchema)}
      noValidate
    >
      <TextField
        label={t('auth.name')}
        description={t('auth.nameHint')}
        autoComplete="name"
        value={name}
        onChange={setName}
        errorMessage={issueMessage(issues.name ?? serverIssues.name)}
        isRequired
      />
      <TextField
        label={t('auth.email')}
        type="email"
        autoComplete="email"
        value={email}
        onChange={setEmail}
        errorMessage={
          isTaken && !issues.email
            ? t('auth.signUp.emailTaken')
            : issueMessage(issues.email ?? serverIssues.email)
        }
        isRequired
      />
      <TextField
        label={t('auth.password')}
        description={t('auth.passwordHint')}
        type="password"
        autoComplete="new-password"
        value={password}
        onChange={setPassword}
        errorMessage={issueMessage(issues.password ?? serverIssues.password)}
        isRequired
      />
      <FormStatus message={formMessage ? { tone: 'danger', text: formMessage } : null} />
      <div className={formStyles.actions}>
        <Button type="submit" isPending={signUp.isPending}>
          {t('auth.signUp.submit')}
        </Button>
      </div>
    </form>
  );
}
