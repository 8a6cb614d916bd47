import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Circle, CircleMember } from '../../../contract/circle.ts';
import type { CircleMemberStatus } from '../../../domain/circle.ts';
import { ActionNote, ActionPanel } from '../../components/action-panel.tsx';
import { Button } from '../../components/button.tsx';
import { ButtonLink } from '../../components/button-link.tsx';
import { ConfirmButton } from '../../components/confirm-button.tsx';
import type { FormStatusMessage } from '../../components/form-status.tsx';
import { ApiError } from '../../lib/api-client.ts';
import { useErrorMessage } from '../../lib/error-message.ts';
import { signInPath } from '../auth/next-path.ts';
import { useJoinCircle, useLeaveCircle } from './circle-members-api.ts';

export interface CircleMembershipProps {
  circle: Circle;
  isSignedIn: boolean;
  /** Only community members may join its circles. */
  isCommunityMember: boolean;
  /** The reader's own row in the member list, for their waitlist position. */
  myEntry: CircleMember | undefined;
}

function useJoinOutcome(): (status: CircleMemberStatus) => string {
  const { t } = useTranslation();
  return (status) => t(`circle.membership.outcome.${status}`);
}

/** Join, leave, or withdraw from the waitlist or a request; the outcome is announced. */
export function CircleMembership({ circle, isSignedIn, isCommunityMember, myEntry }: CircleMembershipProps) {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const outcome = useJoinOutcome();
  const join = useJoinCircle(circle.id);
  const leave = useLeaveCircle(circle.id);
  const [message, setMessage] = useState<FormStatusMessage | null>(null);
  const isFull = circle.capacity !== null && circle.memberCount >= circle.capacity;

  function onJoin() {
    setMessage(null);
    join.mutate(undefined, {
      onSuccess: ({ status }) =>
        setMessage({ tone: status === 'member' ? 'success' : 'info', text: outcome(status) }),
      onError: (error) =>
        setMessage({
          tone: 'danger',
          text:
            error instanceof ApiError && error.code === 'CONFLICT'
              ? t('circle.membership.closed')
              : errorMessage(error),
        }),
    });
  }

  function onLeave(kind: CircleMemberStatus) {
    setMessage(null);
    leave.mutate(undefined, {
      onSuccess: () => setMessage({ tone: 'info', text: t(`circle.membership.left.${kind}`) }),
      onError: (error) => setMessage({ tone: 'danger', text: errorMessage(error) }),
    });
  }

  let action: ReactNode;
  if (!isSignedIn) {
    action = (
      <ButtonLink to={signInPath(`/circles/${circle.id}`)}>{t('circle.membership.signIn')}</ButtonLink>
    );
  } else if (circle.myStatus === 'member') {
    action = (
      <ConfirmButton
        variant="secondary"
        title={t('circle.membership.leaveTitle')}
        message={t('circle.membership.leaveMessage', { name: circle.name })}
        confirmLabel={t('circle.membership.leave')}
        onConfirm={() => onLeave('member')}
        isPending={leave.isPending}
      >
        {t('circle.membership.leave')}
      </ConfirmButton>
    );
  } else if (circle.myStatus === 'waitlisted' || circle.myStatus === 'requested') {
    const kind = circle.myStatus;
    action = (
      <>
        {kind === 'waitlisted' && myEntry?.waitlistPosition ? (
          <ActionNote>{t('circle.membership.position', { position: myEntry.waitlistPosition })}</ActionNote>
        ) : null}
        <Button variant="secondary" onClick={() => onLeave(kind)} isPending={leave.isPending}>
          {kind === 'waitlisted' ? t('circle.membership.leaveWaitlist') : t('circle.membership.withdraw')}
        </Button>
      </>
    );
  } else if (!isCommunityMember) {
    action = (
      <ActionNote>
        {t('circle.membership.communityFirst')}{' '}
        <Link to={`/c/${circle.communitySlug}`}>{circle.communityName}</Link>
      </ActionNote>
    );
  } else if (circle.status === 'closed') {
    action = <ActionNote>{t('circle.membership.closed')}</ActionNote>;
  } else {
    let label = t('circle.membership.join');
    if (circle.joinPolicy === 'request') label = t('circle.membership.request');
    else if (isFull) label = t('circle.membership.joinWaitlist');
    action = (
      <Button onClick={onJoin} isPending={join.isPending}>
        {label}
      </Button>
    );
  }

  return <ActionPanel message={message}>{action}</ActionPanel>;
}
