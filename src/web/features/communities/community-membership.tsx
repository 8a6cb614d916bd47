import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Community } from '../../../contract/community.ts';
import type { Me } from '../../../contract/user.ts';
import { ActionNote, ActionPanel } from '../../components/action-panel.tsx';
import { Badge } from '../../components/badge.tsx';
import { Button } from '../../components/button.tsx';
import { ButtonLink } from '../../components/button-link.tsx';
import { ConfirmButton } from '../../components/confirm-button.tsx';
import type { FormStatusMessage } from '../../components/form-status.tsx';
import { ApiError } from '../../lib/api-client.ts';
import { useErrorMessage } from '../../lib/error-message.ts';
import { signInPath } from '../auth/next-path.ts';
import { useJoinCommunity, useLeaveCommunity } from './community-api.ts';

export interface CommunityMembershipProps {
  community: Community;
  me: Me | null;
  /** From an invite link (/join/{slug}?code=…). */
  inviteCode?: string;
}

/** Join, request, withdraw or leave, with the outcome announced in a live region. */
export function CommunityMembership({ community, me, inviteCode }: CommunityMembershipProps) {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const join = useJoinCommunity(community.slug);
  const leave = useLeaveCommunity(community.slug);
  const [message, setMessage] = useState<FormStatusMessage | null>(null);

  const here = inviteCode
    ? `/join/${community.slug}?code=${encodeURIComponent(inviteCode)}`
    : `/c/${community.slug}`;

  function onJoin() {
    setMessage(null);
    join.mutate(inviteCode, {
      onSuccess: ({ status }) =>
        setMessage({
          tone: 'success',
          text:
            status === 'active' ? t('community.membership.joined') : t('community.membership.requestSent'),
        }),
      onError: (error) =>
        setMessage({
          tone: 'danger',
          text:
            error instanceof ApiError && error.code === 'FORBIDDEN'
              ? t('community.membership.inviteRequired')
              : errorMessage(error),
        }),
    });
  }

  function onLeave(wasRequest: boolean) {
    setMessage(null);
    leave.mutate(undefined, {
      onSuccess: () =>
        setMessage({
          tone: 'info',
          text: wasRequest ? t('community.membership.requestWithdrawn') : t('community.membership.left'),
        }),
      onError: (error) => setMessage({ tone: 'danger', text: errorMessage(error) }),
    });
  }

  let action: ReactNode;
  if (!me) {
    action = (
      <ButtonLink to={signInPath(here)} variant="primary">
        {t('community.membership.signInToJoin')}
      </ButtonLink>
    );
  } else if (community.myStatus === 'active') {
    action = (
      <ConfirmButton
        variant="secondary"
        title={t('community.membership.leaveTitle')}
        message={t('community.membership.leaveMessage', { name: community.name })}
        confirmLabel={t('community.membership.leave')}
        onConfirm={() => onLeave(false)}
        isPending={leave.isPending}
      >
        {t('community.membership.leave')}
      </ConfirmButton>
    );
  } else if (community.myStatus === 'requested') {
    action = (
      <>
        <Badge tone="accent">{t('community.myStatus.requested')}</Badge>
        <Button variant="secondary" onClick={() => onLeave(true)} isPending={leave.isPending}>
          {t('community.membership.withdraw')}
        </Button>
      </>
    );
  } else if (community.joinPolicy === 'invitation' && !inviteCode) {
    action = <ActionNote>{t('community.membership.invitationOnly')}</ActionNote>;
  } else {
    // A member of a branch's parent joins it in one step (decision 035): no request to send.
    const asks = community.joinPolicy === 'request' && community.parent?.myStatus !== 'active';
    const label = asks && !inviteCode ? t('community.membership.request') : t('community.membership.join');
    action = (
      <Button onClick={onJoin} isPending={join.isPending}>
        {label}
      </Button>
    );
  }

  return <ActionPanel message={message}>{action}</ActionPanel>;
}
