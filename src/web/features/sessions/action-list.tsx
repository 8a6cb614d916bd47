import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Action } from '../../../contract/session.ts';
import { type ActionStatus, actionStatuses } from '../../../domain/session.ts';
import fieldStyles from '../../components/field.module.css';
import { type Report, runReported } from '../../lib/action-status.ts';
import { usePatchAction } from './action-api.ts';
import styles from './action-list.module.css';
import { ActionStatusBadge } from './session-badges.tsx';

/** "15 juin 2026"; a due date is a calendar day, so it is read as such, not as an instant. */
export function formatDueOn(dueOn: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(
    new Date(`${dueOn}T00:00:00Z`),
  );
}

function isLate(action: Action): boolean {
  if (!action.dueOn || action.status === 'done' || action.status === 'dropped') return false;
  return action.dueOn < new Date().toISOString().slice(0, 10);
}

function StatusSelect({ action, report }: { action: Action; report: Report }) {
  const { t } = useTranslation();
  const id = useId();
  const patch = usePatchAction();
  return (
    <div className={styles.status}>
      <label htmlFor={id} className="visually-hidden">
        {t('actions.statusOf', { title: action.title })}
      </label>
      <select
        id={id}
        className={`${fieldStyles.input} ${fieldStyles.select} ${styles.select}`}
        value={action.status}
        aria-busy={patch.isPending || undefined}
        onChange={(event) => {
          const status = actionStatuses.find((s) => s === event.target.value);
          if (!status) return;
          runReported(
            patch.mutateAsync,
            { id: action.id, patch: { status } },
            report(
              t('actions.statusChanged', { title: action.title, status: t(`actions.status.${status}`) }),
            ),
          );
        }}
      >
        {actionStatuses.map((status: ActionStatus) => (
          <option key={status} value={status}>
            {t(`actions.status.${status}`)}
          </option>
        ))}
      </select>
    </div>
  );
}

export interface ActionListProps {
  actions: Action[];
  report: Report;
  /** Whether the reader may change an action's status (its owners and the facilitators). */
  canEdit: boolean | ((action: Action) => boolean);
  /** Link each action to the session it came from ("Mes actions"). */
  sessionLinks?: Record<string, string>;
}

/** Prochains pas: title, owners, due date, status (a select for those who may change it). */
export function ActionList({ actions, report, canEdit, sessionLinks }: ActionListProps) {
  const { t, i18n } = useTranslation();
  return (
    <ul className={styles.list}>
      {actions.map((action) => {
        const late = isLate(action);
        const sessionTitle = action.sessionId
          ? (sessionLinks?.[action.sessionId] ?? action.sessionTitle)
          : undefined;
        return (
          <li
            key={action.id}
            className={`${styles.item} ${action.status === 'done' || action.status === 'dropped' ? styles.closed : ''}`}
          >
            <div className={styles.text}>
              <span className={styles.title}>{action.title}</span>
              <span className={styles.meta}>
                <span>
                  {action.owners.length
                    ? t('actions.owners', { names: action.owners.map((o) => o.name).join(', ') })
                    : t('actions.noOwner')}
                </span>
                {action.dueOn ? (
                  <span className={late ? styles.late : undefined}>
                    {late
                      ? t('actions.lateOn', { date: formatDueOn(action.dueOn, i18n.language) })
                      : t('actions.dueOn', { date: formatDueOn(action.dueOn, i18n.language) })}
                  </span>
                ) : null}
                {action.sessionId && sessionLinks ? (
                  <Link to={`/sessions/${encodeURIComponent(action.sessionId)}`}>
                    {sessionTitle ?? t('actions.fromSession')}
                  </Link>
                ) : null}
              </span>
            </div>
            {canEdit ? (
              <StatusSelect action={action} report={report} />
            ) : (
              <ActionStatusBadge status={action.status} />
            )}
          </li>
        );
      })}
    </ul>
  );
}
