import { useTranslation } from 'react-i18next';
import type { Session } from '../../../contract/session.ts';
import { EmptyState } from '../../components/empty-state.tsx';
import { FormStatus } from '../../components/form-status.tsx';
import { Section } from '../../components/section.tsx';
import { useActionStatus } from '../../lib/action-status.ts';
import { ActionForm } from './action-form.tsx';
import { ActionList } from './action-list.tsx';

/** "À revoir": still-open next steps of the circle's earlier sessions, reviewed first. */
export function OpenActionsReview({ session }: { session: Session }) {
  const { t } = useTranslation();
  const { message, report } = useActionStatus();
  if (session.openActions.length === 0) return null;
  return (
    <Section title={t('actions.review.title')} description={t('actions.review.intro')}>
      <FormStatus message={message} />
      <ActionList actions={session.openActions} report={report} />
    </Section>
  );
}

/** Prochains pas decided in this session, and the form to add one. */
export function SessionActions({ session, canTakePart }: { session: Session; canTakePart: boolean }) {
  const { t } = useTranslation();
  const { message, report } = useActionStatus();
  return (
    <Section title={t('actions.title')} description={t('actions.intro')}>
      <FormStatus message={message} />
      {session.actions.length ? (
        <ActionList actions={session.actions} report={report} />
      ) : (
        <EmptyState isCompact title={t('actions.none')} />
      )}
      {canTakePart ? <ActionForm sessionId={session.id} circleId={session.circleId} /> : null}
    </Section>
  );
}
