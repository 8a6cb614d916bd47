import { useTranslation } from 'react-i18next';
import type { Me } from '../../contract/user.ts';
import { Alert } from '../components/alert.tsx';
import { Button } from '../components/button.tsx';
import { EmptyState } from '../components/empty-state.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { ErrorState, LoadingState } from '../components/query-state.tsx';
import { ShowMore } from '../components/show-more.tsx';
import { useOutbox } from '../features/admin/outbox-api.ts';
import { OutboxTable } from '../features/admin/outbox-table.tsx';
import { RequireAuth } from '../features/auth/require-auth.tsx';
import { FailedJobs } from '../features/mail/failed-jobs.tsx';

function Outbox({ me }: { me: Me }) {
  const { t } = useTranslation();
  const outbox = useOutbox(me.isAdmin);
  const header = (
    <PageHeader
      title={t('admin.outbox.title')}
      description={t('admin.outbox.intro')}
      actions={
        me.isAdmin ? (
          <Button variant="secondary" onClick={() => void outbox.refetch()} isPending={outbox.isFetching}>
            {t('admin.outbox.refresh')}
          </Button>
        ) : null
      }
    />
  );
  if (!me.isAdmin) {
    return (
      <>
        {header}
        <Alert tone="warning" title={t('admin.forbiddenTitle')}>
          <p>{t('admin.forbidden')}</p>
        </Alert>
      </>
    );
  }
  return (
    <>
      {header}
      {outbox.isPending ? <LoadingState /> : null}
      {outbox.isError ? <ErrorState error={outbox.error} onRetry={() => void outbox.refetch()} /> : null}
      {outbox.data?.length === 0 ? <EmptyState title={t('admin.outbox.empty')} /> : null}
      {outbox.data?.length ? <OutboxTable messages={outbox.data} /> : null}
      <ShowMore list={outbox} />
      <FailedJobs />
    </>
  );
}

export function AdminOutboxPage() {
  return <RequireAuth>{(me) => <Outbox me={me} />}</RequireAuth>;
}
