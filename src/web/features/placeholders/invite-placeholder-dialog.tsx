import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Placeholder } from '../../../contract/placeholder.ts';
import { Alert } from '../../components/alert.tsx';
import { Button } from '../../components/button.tsx';
import { CopyField } from '../../components/copy-field.tsx';
import { Dialog } from '../../components/dialog.tsx';
import formStyles from '../../components/form.module.css';
import { FormStatus } from '../../components/form-status.tsx';
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
import { useInvitePlaceholder } from './placeholder-api.ts';

const loadSchema = () => userSchemas().then((m) => m.emailOnlySchema);

interface Props {
  communitySlug: string;
  placeholder: Placeholder;
  onClose: () => void;
}

/**
 * Asks for the real person's address and sends the invitation; then shows the link, to pass on
 * by hand as well (a message, a chat), since mail to new addresses often lands in spam.
 */
export function InvitePlaceholderDialog({ communitySlug, placeholder, onClose }: Props) {
  const { t } = useTranslation();
  const issueMessage = useIssueMessage();
  const errorMessage = useErrorMessage();
  const invite = useInvitePlaceholder(communitySlug);
  const [email, setEmail] = useState('');
  const [issues, setIssues] = useState<FieldIssues>({});
  const formRef = useFocusFirstInvalid(issues);

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    const result = await validate(loadSchema, { email });
    setIssues(result.ok ? {} : result.issues);
    if (result.ok) invite.mutate({ placeholderId: placeholder.id, email: result.data.email });
  }

  return (
    <Dialog title={t('placeholders.invite.title', { name: placeholder.name })} onClose={onClose}>
      {(close) =>
        invite.data ? (
          <div className={formStyles.form}>
            <Alert tone="success" role="status" title={t('placeholders.invite.sentTitle')}>
              <p>{t('placeholders.invite.sent', { name: placeholder.name, email: invite.data.email })}</p>
            </Alert>
            <CopyField label={t('placeholders.invite.link')} value={invite.data.url} />
            <div className={formStyles.actions}>
              <Button onClick={close}>{t('common.close')}</Button>
            </div>
          </div>
        ) : (
          <form
            ref={formRef}
            className={formStyles.form}
            onSubmit={onSubmit}
            onFocus={preloadSchema(loadSchema)}
            noValidate
          >
            <p className={formStyles.hint}>{t('placeholders.invite.intro', { name: placeholder.name })}</p>
            <TextField
              label={t('placeholders.invite.email')}
              type="email"
              autoComplete="off"
              value={email}
              onChange={setEmail}
              errorMessage={issueMessage(issues.email)}
              isRequired
            />
            <FormStatus
              message={invite.error ? { tone: 'danger', text: errorMessage(invite.error) } : null}
            />
            <div className={formStyles.actions}>
              <Button type="submit" isPending={invite.isPending}>
                {t('placeholders.invite.submit')}
              </Button>
            </div>
          </form>
        )
      }
    </Dialog>
  );
}
