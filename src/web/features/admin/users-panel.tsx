import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AdminUser } from '../../../contract/admin.ts';
import { Badge } from '../../components/badge.tsx';
import { Button } from '../../components/button.tsx';
import { ConfirmButton } from '../../components/confirm-button.tsx';
import { EmptyState } from '../../components/empty-state.tsx';
import { FormStatus, type FormStatusMessage } from '../../components/form-status.tsx';
import { ErrorState, LoadingState } from '../../components/query-state.tsx';
import { ShowMore } from '../../components/show-more.tsx';
import { TextField } from '../../components/text-field.tsx';
import { ApiError } from '../../lib/api-client.ts';
import { useAdminUsers, useSignOutUser, useUpdateUser } from './admin-api.ts';
import styles from './admin-console.module.css';
import table from './outbox-table.module.css';

type UserDone =
  | 'adminConsole.users.disabled'
  | 'adminConsole.users.enabled'
  | 'adminConsole.users.granted'
  | 'adminConsole.users.revoked'
  | 'adminConsole.users.signedOut';

/** Accounts: search, then disable, re-enable, grant or revoke admin, sign out everywhere. */
export function UsersPanel({ meId }: { meId: string }) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const users = useAdminUsers(q.trim());
  const update = useUpdateUser();
  const signOut = useSignOutUser();
  const [status, setStatus] = useState<FormStatusMessage | null>(null);

  const report = (name: string, key: UserDone) => ({
    onSuccess: () => setStatus({ tone: 'success', text: t(key, { name }) }),
    onError: (error: Error) =>
      setStatus({
        tone: 'danger',
        text:
          error instanceof ApiError && error.code === 'CONFLICT' ? error.message : t('adminConsole.failed'),
      }),
  });

  const actionsOf = (user: AdminUser) => (
    <div className={styles.actions}>
      {user.disabled ? (
        <Button
          size="sm"
          variant="secondary"
          onClick={() =>
            update.mutate(
              { id: user.id, patch: { disabled: false } },
              report(user.name, 'adminConsole.users.enabled'),
            )
          }
        >
          {t('adminConsole.users.enable', { name: user.name })}
        </Button>
      ) : user.id !== meId && !user.isPlaceholder ? (
        <ConfirmButton
          size="sm"
          title={t('adminConsole.users.disableTitle', { name: user.name })}
          message={t('adminConsole.users.disableMessage')}
          confirmLabel={t('adminConsole.users.disableConfirm')}
          onConfirm={() =>
            update.mutate(
              { id: user.id, patch: { disabled: true } },
              report(user.name, 'adminConsole.users.disabled'),
            )
          }
        >
          {t('adminConsole.users.disable', { name: user.name })}
        </ConfirmButton>
      ) : null}
      {!user.isPlaceholder ? (
        <Button
          size="sm"
          variant="secondary"
          onClick={() =>
            update.mutate(
              { id: user.id, patch: { admin: !user.isAdmin } },
              report(user.name, user.isAdmin ? 'adminConsole.users.revoked' : 'adminConsole.users.granted'),
            )
          }
        >
          {t(user.isAdmin ? 'adminConsole.users.revoke' : 'adminConsole.users.grant', { name: user.name })}
        </Button>
      ) : null}
      {!user.isPlaceholder && !user.disabled ? (
        <Button
          size="sm"
          variant="secondary"
          onClick={() => signOut.mutate(user.id, report(user.name, 'adminConsole.users.signedOut'))}
        >
          {t('adminConsole.users.signOut', { name: user.name })}
        </Button>
      ) : null}
    </div>
  );

  return (
    <div className={styles.panel}>
      <TextField
        label={t('adminConsole.users.search')}
        description={t('adminConsole.users.searchHint')}
        type="search"
        value={q}
        onChange={setQ}
      />
      <FormStatus message={status} />
      {users.isPending ? <LoadingState /> : null}
      {users.isError ? <ErrorState error={users.error} onRetry={() => void users.refetch()} /> : null}
      {users.data?.length === 0 ? <EmptyState title={t('adminConsole.users.empty')} /> : null}
      {users.data?.length ? (
        // biome-ignore lint/a11y/noNoninteractiveTabindex: scrollable regions must be reachable by keyboard (WCAG 2.1.1).
        <section className={table.scroller} tabIndex={0} aria-label={t('adminConsole.users.table')}>
          <table className={table.table}>
            <caption>{t('adminConsole.users.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('adminConsole.users.name')}</th>
                <th scope="col">{t('adminConsole.users.email')}</th>
                <th scope="col">{t('adminConsole.users.status')}</th>
                <th scope="col">{t('adminConsole.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {users.data.map((user) => (
                <tr key={user.id}>
                  <th scope="row">{user.name}</th>
                  <td className={styles.mono}>{user.isPlaceholder ? '—' : user.email}</td>
                  <td>
                    <span className={styles.badges}>
                      {user.isAdmin ? <Badge tone="primary">{t('adminConsole.users.admin')}</Badge> : null}
                      {user.disabled ? (
                        <Badge tone="danger">{t('adminConsole.users.isDisabled')}</Badge>
                      ) : null}
                      {user.isPlaceholder ? <Badge>{t('adminConsole.users.placeholder')}</Badge> : null}
                      {!user.isAdmin && !user.disabled && !user.isPlaceholder ? (
                        <Badge tone="success">{t('adminConsole.users.active')}</Badge>
                      ) : null}
                    </span>
                  </td>
                  <td>{actionsOf(user)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : null}
      <ShowMore list={users} />
    </div>
  );
}
