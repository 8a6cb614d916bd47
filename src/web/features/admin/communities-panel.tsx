import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { AdminCommunity } from '../../../contract/admin.ts';
import { Badge } from '../../components/badge.tsx';
import { Button } from '../../components/button.tsx';
import { ConfirmButton } from '../../components/confirm-button.tsx';
import { EmptyState } from '../../components/empty-state.tsx';
import { FormStatus, type FormStatusMessage } from '../../components/form-status.tsx';
import { ErrorState, LoadingState } from '../../components/query-state.tsx';
import { SelectField } from '../../components/select-field.tsx';
import { ShowMore } from '../../components/show-more.tsx';
import { TextField } from '../../components/text-field.tsx';
import { ApiError } from '../../lib/api-client.ts';
import {
  useAdminCommunities,
  useAdminUsers,
  useArchiveCommunity,
  useTransferCommunity,
} from './admin-api.ts';
import styles from './admin-console.module.css';
import table from './outbox-table.module.css';

type Report = (message: FormStatusMessage) => void;

/** Hands a community to an account found by name or address. */
function TransferForm({ community, onDone }: { community: AdminCommunity; onDone: Report }) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const [userId, setUserId] = useState('');
  const [demoteOthers, setDemoteOthers] = useState(false);
  const users = useAdminUsers(q.trim());
  const transfer = useTransferCommunity();
  const candidates = (users.data ?? []).filter((user) => !user.isPlaceholder && !user.disabled);
  const chosen = candidates.some((user) => user.id === userId) ? userId : (candidates[0]?.id ?? '');

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!chosen) return;
    transfer.mutate(
      { id: community.id, userId: chosen, demoteOthers },
      {
        onSuccess: () =>
          onDone({
            tone: 'success',
            text: t('adminConsole.communities.transferred', { name: community.name }),
          }),
        onError: (error) =>
          onDone({
            tone: 'danger',
            text: error instanceof ApiError ? error.message : t('adminConsole.failed'),
          }),
      },
    );
  }

  return (
    <form className={styles.form} onSubmit={submit}>
      <TextField
        label={t('adminConsole.communities.transferTo', { name: community.name })}
        description={t('adminConsole.communities.transferHint')}
        type="search"
        value={q}
        onChange={setQ}
      />
      {candidates.length > 0 ? (
        <SelectField
          label={t('adminConsole.users.name')}
          value={chosen}
          onChange={setUserId}
          options={candidates.map((user) => ({ value: user.id, label: `${user.name} (${user.email})` }))}
        />
      ) : null}
      <label className={styles.checkbox}>
        <input
          type="checkbox"
          checked={demoteOthers}
          onChange={(event) => setDemoteOthers(event.target.checked)}
        />
        {t('adminConsole.communities.demoteOthers')}
      </label>
      <div>
        <Button type="submit" size="sm" isPending={transfer.isPending} disabled={!chosen}>
          {t('adminConsole.communities.transferConfirm')}
        </Button>
      </div>
    </form>
  );
}

/** Communities: archive or bring back, hand over to another animator. */
export function CommunitiesPanel() {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const communities = useAdminCommunities(q.trim());
  const archive = useArchiveCommunity();
  const [status, setStatus] = useState<FormStatusMessage | null>(null);

  const setArchived = (community: AdminCommunity, archived: boolean) =>
    archive.mutate(
      { id: community.id, archived },
      {
        onSuccess: () =>
          setStatus({
            tone: 'success',
            text: t(
              archived ? 'adminConsole.communities.archivedDone' : 'adminConsole.communities.unarchivedDone',
              {
                name: community.name,
              },
            ),
          }),
        onError: () => setStatus({ tone: 'danger', text: t('adminConsole.failed') }),
      },
    );

  return (
    <div className={styles.panel}>
      <TextField label={t('adminConsole.communities.search')} type="search" value={q} onChange={setQ} />
      <FormStatus message={status} />
      {communities.isPending ? <LoadingState /> : null}
      {communities.isError ? (
        <ErrorState error={communities.error} onRetry={() => void communities.refetch()} />
      ) : null}
      {communities.data?.length === 0 ? <EmptyState title={t('adminConsole.communities.empty')} /> : null}
      {communities.data?.length ? (
        // biome-ignore lint/a11y/noNoninteractiveTabindex: scrollable regions must be reachable by keyboard (WCAG 2.1.1).
        <section className={table.scroller} tabIndex={0} aria-label={t('adminConsole.communities.table')}>
          <table className={table.table}>
            <caption>{t('adminConsole.communities.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('adminConsole.communities.name')}</th>
                <th scope="col">{t('adminConsole.communities.animators')}</th>
                <th scope="col">{t('adminConsole.communities.members')}</th>
                <th scope="col">{t('adminConsole.communities.status')}</th>
                <th scope="col">{t('adminConsole.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {communities.data.map((community) => (
                <tr key={community.id}>
                  <th scope="row">
                    <Link to={`/c/${community.slug}`}>{community.name}</Link>
                  </th>
                  <td>
                    {community.animators.length
                      ? community.animators.map((animator) => animator.name).join(', ')
                      : t('adminConsole.communities.noAnimator')}
                  </td>
                  <td>{community.memberCount}</td>
                  <td>
                    {community.archived ? (
                      <Badge tone="warning">{t('adminConsole.communities.archived')}</Badge>
                    ) : (
                      <Badge tone="success">{t('adminConsole.communities.open')}</Badge>
                    )}
                  </td>
                  <td>
                    <div className={styles.actions}>
                      {community.archived ? (
                        <Button size="sm" variant="secondary" onClick={() => setArchived(community, false)}>
                          {t('adminConsole.communities.unarchive', { name: community.name })}
                        </Button>
                      ) : (
                        <ConfirmButton
                          size="sm"
                          title={t('adminConsole.communities.archiveTitle', { name: community.name })}
                          message={t('adminConsole.communities.archiveMessage')}
                          confirmLabel={t('adminConsole.communities.archiveConfirm')}
                          onConfirm={() => setArchived(community, true)}
                        >
                          {t('adminConsole.communities.archive', { name: community.name })}
                        </ConfirmButton>
                      )}
                      <details>
                        <summary>{t('adminConsole.communities.transfer', { name: community.name })}</summary>
                        <TransferForm community={community} onDone={setStatus} />
                      </details>
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : null}
      <ShowMore list={communities} />
    </div>
  );
}
