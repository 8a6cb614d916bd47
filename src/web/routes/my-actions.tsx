import { useTranslation } from 'react-i18next';
import type { Action } from '../../contract/session.ts';
import { type ActionStatus, actionStatuses } from '../../domain/session.ts';
import { ButtonLink } from '../components/button-link.tsx';
import { EmptyState } from '../components/empty-state.tsx';
import { FormStatus } from '../components/form-status.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { ErrorState, LoadingState } from '../components/query-state.tsx';
import { Section } from '../components/section.tsx';
import { ShowMore } from '../components/show-more.tsx';
import { RequireAuth } from '../features/auth/require-auth.tsx';
import { useMyActions } from '../features/sessions/action-api.ts';
import { ActionList } from '../features/sessions/action-list.tsx';
import { useActionStatus } from '../lib/action-status.ts';

/** Soonest due first; actions without a date after the dated ones. */
function byDue(a: Action, b: Action): number {
  return (a.dueOn ?? '9999').localeCompare(b.dueOn ?? '9999') || a.createdAt.localeCompare(b.createdAt);
}

function Groups({ actions }: { actions: Action[] }) {
  const { t } = useTranslation();
  // One live region for every group: a changed action moves to another group (another list).
  const { message, report } = useActionStatus();
  // An empty record still turns each action's session id into a link, named by its session's title.
  const sessionLinks: Record<string, string> = {};
  if (actions.length === 0) {
    return (
      <EmptyState
        title={t('myActions.emptyTitle')}
        action={
          <ButtonLink to="/my-circles" variant="secondary">
            {t('header.myCircles')}
          </ButtonLink>
        }
      >
        {t('myActions.emptyText')}
      </EmptyState>
    );
  }
  return (
    <>
      <FormStatus message={message} />
      {actionStatuses.map((status: ActionStatus) => {
        const inGroup = actions.filter((a) => a.status === status).sort(byDue);
        if (inGroup.length === 0) return null;
        return (
          <Section key={status} title={t(`myActions.group.${status}`, { count: inGroup.length })}>
            <ActionList actions={inGroup} report={report} sessionLinks={sessionLinks} />
          </Section>
        );
      })}
    </>
  );
}

function MyActions() {
  const { t } = useTranslation();
  const actions = useMyActions();
  return (
    <>
      <PageHeader title={t('myActions.title')} description={t('myActions.intro')} />
      {actions.isPending ? <LoadingState /> : null}
      {actions.isError ? <ErrorState error={actions.error} onRetry={() => void actions.refetch()} /> : null}
      {actions.data ? <Groups actions={actions.data} /> : null}
      <ShowMore list={actions} />
    </>
  );
}

export function MyActionsPage() {
  return <RequireAuth>{() => <MyActions />}</RequireAuth>;
}
