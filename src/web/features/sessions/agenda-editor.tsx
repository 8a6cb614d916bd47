import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AgendaItemInput, Session } from '../../../contract/session.ts';
import { type AgendaItemKind, agendaItemKinds } from '../../../domain/session.ts';
import { Button } from '../../components/button.tsx';
import fieldStyles from '../../components/field.module.css';
import { FormStatus, type FormStatusMessage } from '../../components/form-status.tsx';
import { useUnsavedChanges } from '../../components/unsaved-changes.tsx';
import { useErrorMessage } from '../../lib/error-message.ts';
import styles from './agenda-editor.module.css';
import { AgendaTemplatePicker, type TemplateDraft } from './agenda-template-picker.tsx';
import { AgendaTotals } from './agenda-view.tsx';
import { usePutAgenda } from './session-api.ts';
import { isoToZoned, zonedToIso } from './session-time.ts';

interface Draft {
  key: string;
  title: string;
  start: string;
  end: string;
  kind: AgendaItemKind | '';
  notes: string;
  /** Sub-items, one per line. */
  children: string;
}

let nextKey = 0;
const newKey = () => `draft-${++nextKey}`;

function toDrafts(session: Session): Draft[] {
  return session.agenda.map((item) => ({
    key: item.id,
    title: item.title,
    start: item.startsAt ? isoToZoned(item.startsAt, session.timeZone).time : '',
    end: item.endsAt ? isoToZoned(item.endsAt, session.timeZone).time : '',
    kind: item.kind ?? '',
    notes: item.notes,
    children: item.children.map((c) => c.title).join('\n'),
  }));
}

function addMinutes(time: string, minutes: number): string {
  const [h = 0, m = 0] = time.split(':').map(Number);
  const total = Math.min(h * 60 + m + minutes, 23 * 60 + 59);
  return `${String(Math.floor(total / 60)).padStart(2, '0')}:${String(total % 60).padStart(2, '0')}`;
}

function toMinutes(time: string): number | undefined {
  const match = /^(\d{1,2}):(\d{2})$/.exec(time);
  return match ? Number(match[1]) * 60 + Number(match[2]) : undefined;
}

/**
 * After a reorder, lays the items end to end from the first one's start, each keeping its
 * duration: moving "Consultation" up must move its time slot too, or the agenda would overlap.
 */
function reflow(drafts: Draft[], startTime: string): Draft[] {
  let cursor = toMinutes(startTime);
  if (cursor === undefined) return drafts;
  return drafts.map((draft) => {
    const start = toMinutes(draft.start);
    const end = toMinutes(draft.end);
    if (start === undefined || end === undefined || cursor === undefined) return draft;
    const from = cursor;
    cursor += Math.max(end - start, 0);
    return { ...draft, start: addMinutes('00:00', from), end: addMinutes('00:00', cursor) };
  });
}

/**
 * An item's clock time as an instant. Times are typed without a date: one earlier than the
 * session's own start belongs to the next day (a session from 23:00 to 00:30 has items after
 * midnight), which is the only way an item can be earlier while staying inside the session.
 */
function itemInstant(session: Session, time: string): string | undefined {
  const start = isoToZoned(session.startsAt, session.timeZone);
  const minutes = toMinutes(time);
  const startMinutes = toMinutes(start.time);
  if (minutes === undefined || startMinutes === undefined || minutes >= startMinutes)
    return zonedToIso(start.date, time, session.timeZone);
  const nextDay = new Date(`${start.date}T12:00:00Z`);
  nextDay.setUTCDate(nextDay.getUTCDate() + 1);
  return zonedToIso(nextDay.toISOString().slice(0, 10), time, session.timeZone);
}

/** The drafts as the API wants them; the index of the first item whose times are unreadable. */
function toInput(drafts: Draft[], session: Session): { items: AgendaItemInput[]; badIndex: number } {
  const items: AgendaItemInput[] = [];
  for (const [index, draft] of drafts.entries()) {
    const startsAt = itemInstant(session, draft.start);
    const endsAt = itemInstant(session, draft.end);
    if (!startsAt || !endsAt || !draft.title.trim()) return { items, badIndex: index };
    const children = draft.children
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean)
      .map((title) => ({ title }));
    items.push({
      // Existing items keep their id, so the room stays on the current item after an edit.
      id: draft.key.startsWith('draft-') ? undefined : draft.key,
      title: draft.title.trim(),
      startsAt,
      endsAt,
      kind: draft.kind || undefined,
      notes: draft.notes.trim() || undefined,
      children: children.length ? children : undefined,
    });
  }
  return { items, badIndex: -1 };
}

interface RowProps {
  draft: Draft;
  index: number;
  count: number;
  onChange: (patch: Partial<Draft>) => void;
  onMove: (to: number) => void;
  onRemove: () => void;
  registerButton: (name: string, node: HTMLButtonElement | null) => void;
  dragHandlers: {
    onDragStart: () => void;
    onDragOver: (event: React.DragEvent) => void;
    onDrop: () => void;
  };
}

function DraftRow({
  draft,
  index,
  count,
  onChange,
  onMove,
  onRemove,
  registerButton,
  dragHandlers,
}: RowProps) {
  const { t } = useTranslation();
  const id = useId();
  const position = index + 1;
  const name = draft.title || t('agenda.editor.untitled', { position });
  return (
    <li className={styles.row} onDragOver={dragHandlers.onDragOver} onDrop={dragHandlers.onDrop}>
      <fieldset className={styles.fieldset}>
        <legend className={styles.legend}>
          <span
            className={styles.handle}
            draggable
            onDragStart={dragHandlers.onDragStart}
            title={t('agenda.editor.drag')}
            aria-hidden="true"
          >
            ⠿
          </span>
          {t('agenda.editor.itemLegend', { position })}
        </legend>
        <div className={styles.fields}>
          <div className={`${fieldStyles.field} ${styles.titleField}`}>
            <label className={fieldStyles.label} htmlFor={`${id}-title`}>
              {t('agenda.editor.itemTitle')}
            </label>
            <input
              id={`${id}-title`}
              className={fieldStyles.input}
              value={draft.title}
              aria-invalid={draft.title.trim() ? undefined : true}
              onChange={(e) => onChange({ title: e.target.value })}
            />
          </div>
          <div className={fieldStyles.field}>
            <label className={fieldStyles.label} htmlFor={`${id}-start`}>
              {t('agenda.editor.start')}
            </label>
            <input
              id={`${id}-start`}
              type="time"
              className={fieldStyles.input}
              value={draft.start}
              onChange={(e) => onChange({ start: e.target.value })}
            />
          </div>
          <div className={fieldStyles.field}>
            <label className={fieldStyles.label} htmlFor={`${id}-end`}>
              {t('agenda.editor.end')}
            </label>
            <input
              id={`${id}-end`}
              type="time"
              className={fieldStyles.input}
              value={draft.end}
              onChange={(e) => onChange({ end: e.target.value })}
            />
          </div>
          <div className={fieldStyles.field}>
            <label className={fieldStyles.label} htmlFor={`${id}-kind`}>
              {t('agenda.editor.kind')}
            </label>
            <select
              id={`${id}-kind`}
              className={`${fieldStyles.input} ${fieldStyles.select}`}
              value={draft.kind}
              onChange={(e) => {
                const kind = agendaItemKinds.find((k) => k === e.target.value);
                onChange({ kind: kind ?? '' });
              }}
            >
              <option value="">{t('agenda.editor.noKind')}</option>
              {agendaItemKinds.map((kind) => (
                <option key={kind} value={kind}>
                  {t(`agenda.kind.${kind}`)}
                </option>
              ))}
            </select>
          </div>
          <div className={`${fieldStyles.field} ${styles.wide}`}>
            <label className={fieldStyles.label} htmlFor={`${id}-children`}>
              {t('agenda.editor.children')}
              <span className={fieldStyles.optional}> {t('form.optional')}</span>
            </label>
            <textarea
              id={`${id}-children`}
              className={`${fieldStyles.input} ${styles.childrenInput}`}
              rows={2}
              value={draft.children}
              aria-describedby={`${id}-children-hint`}
              onChange={(e) => onChange({ children: e.target.value })}
            />
            <p id={`${id}-children-hint`} className={fieldStyles.description}>
              {t('agenda.editor.childrenHint')}
            </p>
          </div>
        </div>
        <div className={styles.rowActions}>
          <Button
            size="sm"
            variant="ghost"
            ref={(node) => registerButton(`${draft.key}:up`, node)}
            disabled={index === 0}
            aria-label={t('agenda.editor.moveUpOf', { name })}
            onClick={() => onMove(index - 1)}
          >
            <span aria-hidden="true">↑</span> {t('agenda.editor.moveUp')}
          </Button>
          <Button
            size="sm"
            variant="ghost"
            ref={(node) => registerButton(`${draft.key}:down`, node)}
            disabled={index === count - 1}
            aria-label={t('agenda.editor.moveDownOf', { name })}
            onClick={() => onMove(index + 1)}
          >
            <span aria-hidden="true">↓</span> {t('agenda.editor.moveDown')}
          </Button>
          <Button
            size="sm"
            variant="danger"
            aria-label={t('agenda.editor.removeOf', { name })}
            onClick={onRemove}
          >
            {t('agenda.editor.remove')}
          </Button>
        </div>
      </fieldset>
    </li>
  );
}

export interface AgendaEditorProps {
  session: Session;
  /** Closes the editor; `saved` says whether the agenda was just saved (to announce it). */
  onDone: (saved: boolean) => void;
}

/** The agenda editor: items with times, sub-items, reordering by buttons (or drag), templates. */
export function AgendaEditor({ session, onDone }: AgendaEditorProps) {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const put = usePutAgenda(session.id);
  const [drafts, setDrafts] = useState(() => toDrafts(session));
  const [message, setMessage] = useState<FormStatusMessage | null>(null);
  // Beside the picker, where the eye is when the items change below it.
  const [templateNotice, setTemplateNotice] = useState<FormStatusMessage | null>(null);
  const buttons = useRef(new Map<string, HTMLButtonElement>());
  const [focusAfterMove, setFocusAfterMove] = useState<string | null>(null);
  const dragFrom = useRef<number | null>(null);
  const agendaVersion = session.agenda.map((i) => i.id).join();
  useUnsavedChanges(JSON.stringify(drafts) !== JSON.stringify(toDrafts(session)));

  // Someone else saved the agenda meanwhile: start again from what they made.
  // biome-ignore lint/correctness/useExhaustiveDependencies: only a new set of items should reset the drafts.
  useEffect(() => setDrafts(toDrafts(session)), [agendaVersion]);

  /** A template only fills the editor: nothing is saved until "Enregistrer", and "Annuler" drops it. */
  function previewTemplate(items: TemplateDraft[], notice: FormStatusMessage) {
    setDrafts(
      items.map((item) => ({
        key: newKey(),
        title: item.title,
        start: isoToZoned(item.startsAt, session.timeZone).time,
        end: isoToZoned(item.endsAt, session.timeZone).time,
        kind: item.kind,
        notes: '',
        children: '',
      })),
    );
    setTemplateNotice(notice);
  }

  useEffect(() => {
    if (!focusAfterMove) return;
    const button = buttons.current.get(focusAfterMove);
    if (button && !button.disabled) button.focus();
    else
      buttons.current
        .get(focusAfterMove.replace(/:(up|down)$/, (_, d) => (d === 'up' ? ':down' : ':up')))
        ?.focus();
    setFocusAfterMove(null);
  }, [focusAfterMove]);

  const update = (key: string, patch: Partial<Draft>) =>
    setDrafts((list) => list.map((d) => (d.key === key ? { ...d, ...patch } : d)));

  function move(from: number, to: number, direction?: 'up' | 'down') {
    if (to < 0 || to >= drafts.length || from === to) return;
    const next = [...drafts];
    const [item] = next.splice(from, 1);
    if (!item) return;
    next.splice(to, 0, item);
    const firstStart = [...drafts.map((d) => d.start)].filter((v) => toMinutes(v) !== undefined).sort()[0];
    setDrafts(firstStart ? reflow(next, firstStart) : next);
    setMessage({
      tone: 'info',
      text: t('agenda.editor.moved', { name: item.title || '…', position: to + 1 }),
    });
    if (direction) setFocusAfterMove(`${item.key}:${direction}`);
  }

  function add() {
    const last = drafts[drafts.length - 1];
    const start = last?.end || isoToZoned(session.startsAt, session.timeZone).time;
    setDrafts([
      ...drafts,
      { key: newKey(), title: '', start, end: addMinutes(start, 10), kind: '', notes: '', children: '' },
    ]);
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    const { items, badIndex } = toInput(drafts, session);
    if (badIndex >= 0) {
      setMessage({ tone: 'danger', text: t('agenda.editor.incomplete', { position: badIndex + 1 }) });
      return;
    }
    put.mutate(items, {
      onSuccess: () => onDone(true),
      onError: (error) =>
        setMessage({ tone: 'danger', text: `${errorMessage(error)} ${t('agenda.editor.rules')}` }),
    });
  }

  const preview = drafts.map((d) => ({
    startsAt: itemInstant(session, d.start) ?? null,
    endsAt: itemInstant(session, d.end) ?? null,
  }));

  return (
    <div className={styles.editor}>
      <AgendaTemplatePicker session={session} onPreview={previewTemplate} />
      <FormStatus message={templateNotice} />
      <form className={styles.form} onSubmit={submit} noValidate aria-label={t('agenda.editor.label')}>
        <p className={fieldStyles.description}>{t('agenda.editor.intro', { zone: session.timeZone })}</p>
        <AgendaTotals session={session} items={preview} />
        {drafts.length ? (
          <ol className={styles.rows}>
            {drafts.map((draft, index) => (
              <DraftRow
                key={draft.key}
                draft={draft}
                index={index}
                count={drafts.length}
                onChange={(patch) => update(draft.key, patch)}
                onMove={(to) => move(index, to, to < index ? 'up' : 'down')}
                onRemove={() => {
                  setDrafts(drafts.filter((d) => d.key !== draft.key));
                  setMessage({
                    tone: 'info',
                    text: t('agenda.editor.removed', { name: draft.title || '…' }),
                  });
                }}
                registerButton={(name, node) => {
                  if (node) buttons.current.set(name, node);
                  else buttons.current.delete(name);
                }}
                dragHandlers={{
                  onDragStart: () => {
                    dragFrom.current = index;
                  },
                  onDragOver: (event) => event.preventDefault(),
                  onDrop: () => {
                    if (dragFrom.current !== null) move(dragFrom.current, index);
                    dragFrom.current = null;
                  },
                }}
              />
            ))}
          </ol>
        ) : (
          <p className={fieldStyles.description}>{t('agenda.editor.noItems')}</p>
        )}
        <div className={styles.formActions}>
          <Button variant="secondary" onClick={add}>
            {t('agenda.editor.add')}
          </Button>
          <Button type="submit" isPending={put.isPending}>
            {t('agenda.editor.save')}
          </Button>
          <Button variant="ghost" onClick={() => onDone(false)}>
            {t('common.cancel')}
          </Button>
        </div>
        <FormStatus message={message} />
      </form>
    </div>
  );
}
