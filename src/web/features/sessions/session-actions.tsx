import { useTranslation } from 'react-i18next';
import type { Action, Session } from '../../../contract/session.ts';
import { EmptyState } from '../../components/empty-state.tsx';
import { FormStatus } from '../../components/form-status.tsx';
import { Section } from '../../components/section.tsx';
import { useActionStatus } from '../../lib/action-status.ts';
import { ActionForm } from './action-form.tsx';
import { ActionList } from './action-list.tsx';

/** Owners and facilitators change an action's status (authors too, server-side: not known here). */
function editableBy(session: Session, myId: string | undefined) {
  return (action: Action) =>
    session.abilities.steer ||
    (myId !== undefined && (action.authorId === myId || action.owners.some((o) => o.userId === myId)));
}

/** Who carries an action is decided by its author and the facilitators. */
function ownersEditableBy(session: Session, myId: string | undefined) {
  return (action: Action) => session.abilities.steer || (myId !== undefined && action.authorId === myId);
}

/** "À revoir": still-open next steps of the circle's earlier sessions, reviewed first. */
export function OpenActionsReview({ session, myId }: { session: Session; myId: string | undefined }) {
  const { t } = useTranslation();
  const { message, report } = useActionStatus();
  if (session.openActions.length === 0) return null;
  return (
    <Section title={t('actions.review.title')} description={t('actions.review.intro')}>
      <FormStatus message={message} />
      <ActionList
        actions={session.openActions}
        report={report}
        canEdit={editableBy(session, myId)}
        canChangeOwners={ownersEditableBy(session, myId)}
      />
    </Section>
  );
}

/** Prochains pas decided in this session, and the form to add one. */
export function SessionActions({
  session,
  myId,
  canTakePart,
}: {
  session: Session;
  myId: string | undefined;
  canTakePart: boolean;
}) {
  const { t } = useTranslation();
  const { message, report } = useActionStatus();
  return (
    <Section title={t('actions.title')} description={t('actions.intro')}>
      <FormStatus message={message} />
      {session.actions.length ? (
        <ActionList
          actions={session.actions}
          report={report}
          canEdit={editableBy(session, myId)}
          canChangeOwners={ownersEditableBy(session, myId)}
        />
      ) : (
        <EmptyState isCompact title={t('actions.none')} />
      )}
      {canTakePart ? <ActionForm sessionId={session.id} circleId={session.circleId} /> : null}
    </Section>
  );
}
