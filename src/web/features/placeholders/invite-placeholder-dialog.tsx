import { useTranslation } from 'react-i18next';
import type { Placeholder } from '../../../contract/placeholder.ts';
import { Alert } from '../../components/alert.tsx';
import { Button } from '../../components/button.tsx';
import { CopyField } from '../../components/copy-field.tsx';
import { Dialog } from '../../components/dialog.tsx';
import formStyles from '../../components/form.module.css';
import { FormProblem } from '../../components/form-problem.tsx';
import { TextField } from '../../components/text-field.tsx';
import { userSchemas } from '../../lib/contract-schemas.ts';
import { useContractForm } from '../../lib/use-contract-form.ts';
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
  const invite = useInvitePlaceholder(communitySlug);
  const form = useContractForm({
    schema: loadSchema,
    initialValues: { email: '' },
    serverError: invite.error,
    onValid: ({ email }) => invite.mutate({ placeholderId: placeholder.id, email }),
  });

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
          <form className={formStyles.form} {...form.formProps}>
            <p className={formStyles.hint}>{t('placeholders.invite.intro', { name: placeholder.name })}</p>
            <TextField
              label={t('placeholders.invite.email')}
              type="email"
              autoComplete="off"
              {...form.text('email')}
            />
            <FormProblem text={form.formMessage} />
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
