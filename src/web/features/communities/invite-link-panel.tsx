import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Community } from '../../../contract/community.ts';
import { Card } from '../../components/card.tsx';
import { ConfirmButton } from '../../components/confirm-button.tsx';
import { CopyField } from '../../components/copy-field.tsx';
import { FormStatus, type FormStatusMessage } from '../../components/form-status.tsx';
import { ErrorState, LoadingState } from '../../components/query-state.tsx';
import { Section } from '../../components/section.tsx';
import { useErrorMessage } from '../../lib/error-message.ts';
import { useInviteLink, useRotateInvite } from './community-members-api.ts';

/** The server may answer a relative URL; people paste the link into e-mails, so make it absolute. */
function absoluteUrl(url: string): string {
  return new URL(url, window.location.origin).toString();
}

/** Animators: the invite link to share, and a way to revoke it by rotating the code. */
export function InviteLinkPanel({ community }: { community: Community }) {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const invite = useInviteLink(community.slug, community.myRole === 'animator');
  const rotate = useRotateInvite(community.slug);
  const [message, setMessage] = useState<FormStatusMessage | null>(null);

  return (
    <Section title={t('community.invite.title')} description={t('community.invite.description')}>
      <Card>
        {invite.isPending ? <LoadingState /> : null}
        {invite.isError ? <ErrorState error={invite.error} onRetry={() => void invite.refetch()} /> : null}
        {invite.data ? (
          <CopyField label={t('community.invite.link')} value={absoluteUrl(invite.data.url)} />
        ) : null}
        <div>
          <ConfirmButton
            variant="secondary"
            size="sm"
            title={t('community.invite.rotateTitle')}
            message={t('community.invite.rotateMessage')}
            confirmLabel={t('community.invite.rotate')}
            isPending={rotate.isPending}
            onConfirm={() =>
              rotate.mutate(undefined, {
                onSuccess: () => setMessage({ tone: 'success', text: t('community.invite.rotated') }),
                onError: (error) => setMessage({ tone: 'danger', text: errorMessage(error) }),
              })
            }
          >
            {t('community.invite.rotate')}
          </ConfirmButton>
        </div>
        <FormStatus message={message} />
      </Card>
    </Section>
  );
}
