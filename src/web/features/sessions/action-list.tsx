import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Action } from '../../../contract/session.ts';
import { formatDate } from '../../../domain/date-format.ts';
import { type ActionStatus, actionStatuses } from '../../../domain/session.ts';
import { Button } from '../../components/button.tsx';
import fieldStyles from '../../components/field.module.css';
import { type Report, runReported } from '../../lib/action-status.ts';
import { usePatchAction } from './action-api.ts';
import { ActionForm } from './action-form.tsx';
import styles from './action-list.module.css';
import { ActionStatusBadge } from './session-badges.tsx';

/** "15 juin 2026", "1er juillet 2026"; a due date is a calendar day, so it is read as such, not as an instant. */
export function formatDueOn(dueOn: string, locale: string): string {
  return formatDate(new Date(`${dueOn}T00:00:00Z`), locale, { dateStyle: 'long', timeZone: 'UTC' });
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
  /** Link each action to the session it came from ("Mes actions"). */
  sessionLinks?: Record<string, string>;
}

/** Prochains pas: title, owners, due date, status (a select for those whose abilities allow it), "Modifier". */
export function ActionList({ actions, report, sessionLinks }: ActionListProps) {
  const { t, i18n } = useTranslation();
  const [editingId, setEditingId] = useState<string | null>(null);
  // The form's buttons vanish with it: focus goes back to the "Modifier" button that opened it,
  // as soon as React puts that button back (its ref callback), whenever the render happens.
  const refocusAfterEdit = useRef<string | null>(null);
  const closeEditor = (action: Action) => {
    refocusAfterEdit.current = action.id;
    setEditingId(null);
  };
  return (
    <ul className={styles.list}>
      {actions.map((action) => {
        const late = isLate(action);
        // The action policy's answer: owners move it along, its author and the facilitators also
        // decide who carries it.
        const isEditable = action.abilities.takePart;
        const sessionTitle = action.sessionId
          ? (sessionLinks?.[action.sessionId] ?? action.sessionTitle)
          : undefined;
        if (editingId === action.id) {
          return (
            <li key={action.id} className={styles.item}>
              <ActionForm
                circleId={action.circleId}
                action={action}
                canChangeOwners={action.abilities.steer}
                onDone={() => closeEditor(action)}
              />
            </li>
          );
        }
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
            {isEditable ? (
              <div className={styles.controls}>
                <Button
                  ref={(node) => {
                    if (node && refocusAfterEdit.current === action.id) {
                      refocusAfterEdit.current = null;
                      node.focus();
                    }
                  }}
                  variant="ghost"
                  size="sm"
                  aria-label={t('actions.editOf', { title: action.title })}
                  onClick={() => setEditingId(action.id)}
                >
                  {t('actions.edit')}
                </Button>
                <StatusSelect action={action} report={report} />
              </div>
            ) : (
              <ActionStatusBadge status={action.status} />
            )}
          </li>
        );
      })}
    </ul>
  );
}
