import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditItem } from '../../../contract/admin.ts';
import { type AuditKind, auditKinds } from '../../../domain/audit.ts';
import { EmptyState } from '../../components/empty-state.tsx';
import { ErrorState, LoadingState } from '../../components/query-state.tsx';
import { SelectField } from '../../components/select-field.tsx';
import { ShowMore } from '../../components/show-more.tsx';
import { TextField } from '../../components/text-field.tsx';
import { currentLanguage } from '../../i18n/i18n.ts';
import { type AuditFilters, auditCsvHref, useAuditLog } from './admin-api.ts';
import styles from './admin-console.module.css';
import table from './outbox-table.module.css';

const formatDate = (iso: string) =>
  new Intl.DateTimeFormat(currentLanguage(), { dateStyle: 'medium', timeStyle: 'medium' }).format(
    new Date(iso),
  );

/** The catalogue key of a kind: i18next reads dots as nesting, so the kind's dots become underscores. */
const kindKey = (kind: AuditKind) =>
  `adminConsole.audit.kinds.${kind.replace(/[.-]/g, '_')}` as `adminConsole.audit.kinds.${string}`;

/** The audit log: filters by kind, actor and period, paged, and the same filters as a CSV file. */
export function AuditPanel() {
  const { t } = useTranslation();
  const [filters, setFilters] = useState<AuditFilters>({ kind: '', actor: '', from: '', to: '' });
  const log = useAuditLog(filters);
  const set = <K extends keyof AuditFilters>(key: K, value: AuditFilters[K]) =>
    setFilters((current) => ({ ...current, [key]: value }));
  const kindLabel = (kind: AuditKind) => t(kindKey(kind) as 'adminConsole.audit.kinds.auth_sign_in');

  const row = (item: AuditItem) => (
    <tr key={item.id}>
      <td className={table.date}>
        <time dateTime={item.at}>{formatDate(item.at)}</time>
      </td>
      <td>{kindLabel(item.kind)}</td>
      <td>
        {item.actor ? (
          item.actor.name !== null ? (
            <button
              type="button"
              className={styles.linkButton}
              onClick={() => set('actor', item.actor?.id ?? '')}
            >
              {item.actor.name}
              <span className="visually-hidden">
                {' '}
                — {t('adminConsole.audit.filterActor', { name: item.actor.name })}
              </span>
            </button>
          ) : (
            <span className={styles.muted}>
              {t('adminConsole.audit.deletedActor')} <span className={styles.mono}>{item.actor.id}</span>
            </span>
          )
        ) : (
          '—'
        )}
      </td>
      <td className={styles.mono}>{item.subject ? `${item.subject.kind} ${item.subject.id}` : '—'}</td>
      <td className={styles.mono}>{item.ip ?? '—'}</td>
      <td>{item.detail ?? ''}</td>
    </tr>
  );

  return (
    <div className={styles.panel}>
      <div className={styles.filters}>
        <SelectField
          label={t('adminConsole.audit.kind')}
          value={filters.kind}
          onChange={(value) => set('kind', value)}
          options={[
            { value: '' as const, label: t('adminConsole.audit.allKinds') },
            ...auditKinds.map((kind) => ({ value: kind, label: kindLabel(kind) })),
          ]}
        />
        <TextField
          label={t('adminConsole.audit.actor')}
          isOptional
          value={filters.actor}
          onChange={(v) => set('actor', v)}
        />
        <TextField
          label={t('adminConsole.audit.from')}
          type="date"
          isOptional
          value={filters.from}
          onChange={(v) => set('from', v)}
        />
        <TextField
          label={t('adminConsole.audit.to')}
          type="date"
          isOptional
          value={filters.to}
          onChange={(v) => set('to', v)}
        />
      </div>
      <p>
        {/* A plain link: the browser downloads the file itself (the server streams it). */}
        <a href={auditCsvHref(filters)} download>
          {t('adminConsole.audit.csv')}
        </a>
      </p>
      {log.isPending ? <LoadingState /> : null}
      {log.isError ? <ErrorState error={log.error} onRetry={() => void log.refetch()} /> : null}
      {log.data?.length === 0 ? <EmptyState title={t('adminConsole.audit.empty')} /> : null}
      {log.data?.length ? (
        // biome-ignore lint/a11y/noNoninteractiveTabindex: scrollable regions must be reachable by keyboard (WCAG 2.1.1).
        <section className={table.scroller} tabIndex={0} aria-label={t('adminConsole.audit.table')}>
          <table className={table.table}>
            <caption>{t('adminConsole.audit.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('adminConsole.audit.at')}</th>
                <th scope="col">{t('adminConsole.audit.what')}</th>
                <th scope="col">{t('adminConsole.audit.who')}</th>
                <th scope="col">{t('adminConsole.audit.subject')}</th>
                <th scope="col">{t('adminConsole.audit.ip')}</th>
                <th scope="col">{t('adminConsole.audit.detail')}</th>
              </tr>
            </thead>
            <tbody>{log.data.map(row)}</tbody>
          </table>
        </section>
      ) : null}
      <ShowMore list={log} />
    </div>
  );
}
