import { useTranslation } from 'react-i18next';
import type { Me } from '../../contract/user.ts';
import { EmptyState } from '../components/empty-state.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { ErrorState, LoadingState } from '../components/query-state.tsx';
import { ShowMore } from '../components/show-more.tsx';
import { Tabs } from '../components/tabs.tsx';
import { AuditPanel } from '../features/admin/audit-panel.tsx';
import { CommunitiesPanel } from '../features/admin/communities-panel.tsx';
import { useOutbox } from '../features/admin/outbox-api.ts';
import { OutboxTable } from '../features/admin/outbox-table.tsx';
import { SettingsPanel } from '../features/admin/settings-panel.tsx';
import { UsersPanel } from '../features/admin/users-panel.tsx';
import { RequireAuth } from '../features/auth/require-auth.tsx';
import { FailedJobs } from '../features/mail/failed-jobs.tsx';
import { NotFoundPage } from './not-found.tsx';

function JobsAndOutbox() {
  const { t } = useTranslation();
  const outbox = useOutbox(true);
  return (
    <>
      <FailedJobs />
      <h2>{t('admin.outbox.title')}</h2>
      <p>{t('admin.outbox.intro')}</p>
      {outbox.isPending ? <LoadingState /> : null}
      {outbox.isError ? <ErrorState error={outbox.error} onRetry={() => void outbox.refetch()} /> : null}
      {outbox.data?.length === 0 ? <EmptyState title={t('admin.outbox.empty')} /> : null}
      {outbox.data?.length ? <OutboxTable messages={outbox.data} /> : null}
      <ShowMore list={outbox} />
    </>
  );
}

function Console({ me }: { me: Me }) {
  const { t } = useTranslation();
  // As the API does, the console does not exist for anyone but instance admins.
  if (!me.isAdmin) return <NotFoundPage />;
  return (
    <>
      <PageHeader title={t('adminConsole.title')} description={t('adminConsole.intro')} />
      <Tabs
        label={t('adminConsole.sections')}
        items={[
          { id: 'users', label: t('adminConsole.tabs.users'), panel: <UsersPanel meId={me.id} /> },
          { id: 'communities', label: t('adminConsole.tabs.communities'), panel: <CommunitiesPanel /> },
          { id: 'jobs', label: t('adminConsole.tabs.jobs'), panel: <JobsAndOutbox /> },
          { id: 'settings', label: t('adminConsole.tabs.settings'), panel: <SettingsPanel /> },
          { id: 'audit', label: t('adminConsole.tabs.audit'), panel: <AuditPanel /> },
        ]}
      />
    </>
  );
}

export function AdminConsolePage() {
  return <RequireAuth>{(me) => <Console me={me} />}</RequireAuth>;
}
