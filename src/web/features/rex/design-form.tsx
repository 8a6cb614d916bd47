import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LearningDesign, LearningDesignCreate } from '../../../contract/learning-design.ts';
import { MAX_SEQUENCE_MINUTES, MAX_SEQUENCES, totalMinutes } from '../../../domain/learning-design.ts';
import { Alert } from '../../components/alert.tsx';
import { Button } from '../../components/button.tsx';
import { TextField } from '../../components/text-field.tsx';
import { useUnsavedChanges } from '../../components/unsaved-changes.tsx';
import { useErrorMessage } from '../../lib/error-message.ts';
import { formatDuration } from './duration.ts';
import styles from './rex.module.css';

interface SequenceDraft {
  key: number;
  title: string;
  minutes: string;
  method: string;
  materials: string;
  lead: string;
}

export interface DesignFormProps {
  initial?: LearningDesign;
  submitLabel: string;
  isPending: boolean;
  error: unknown;
  onSubmit: (input: LearningDesignCreate) => void;
  onCancel?: () => void;
}

const minutesOf = (draft: SequenceDraft) => {
  const value = Number(draft.minutes);
  return Number.isInteger(value) && value >= 1 && value <= MAX_SEQUENCE_MINUTES ? value : undefined;
};

/**
 * A design's form: title, objectives (one per line), audience, and sequences added, removed and
 * moved up or down, with the running total of their minutes.
 */
export function DesignForm({ initial, submitLabel, isPending, error, onSubmit, onCancel }: DesignFormProps) {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const nextKey = useRef(0);
  const draftOf = (
    s?: Partial<Omit<SequenceDraft, 'key' | 'minutes'>> & { minutes?: number },
  ): SequenceDraft => ({
    key: nextKey.current++,
    title: s?.title ?? '',
    minutes: s?.minutes ? String(s.minutes) : '15',
    method: s?.method ?? '',
    materials: s?.materials ?? '',
    lead: s?.lead ?? '',
  });
  const [title, setTitle] = useState(initial?.title ?? '');
  const [objectives, setObjectives] = useState(initial?.objectives.join('\n') ?? '');
  const [audience, setAudience] = useState(initial?.audience ?? '');
  const [sequences, setSequences] = useState<SequenceDraft[]>(() =>
    initial ? initial.sequences.map((s) => draftOf(s)) : [draftOf()],
  );
  const [checked, setChecked] = useState(false);
  // Edited and not yet sent: leaving asks first (decision 020). Sending lifts the guard so the page
  // can open the saved design; a refusal puts it back.
  const [isEdited, setEdited] = useState(false);
  const [isSent, setSent] = useState(false);
  useEffect(() => {
    if (error) setSent(false);
  }, [error]);
  useUnsavedChanges(isEdited && !isSent);
  const focusAfterMove = useRef<string | null>(null);

  const total = totalMinutes(sequences.map((s) => ({ minutes: minutesOf(s) ?? 0 })));
  const update = (key: number, change: Partial<SequenceDraft>) => {
    setEdited(true);
    setSequences((list) => list.map((s) => (s.key === key ? { ...s, ...change } : s)));
  };
  const move = (index: number, by: -1 | 1, buttonId: string) => {
    setEdited(true);
    setSequences((list) => {
      const next = [...list];
      const [moved] = next.splice(index, 1);
      if (moved) next.splice(index + by, 0, moved);
      return next;
    });
    focusAfterMove.current = buttonId;
  };
  const titleProblem = checked && !title.trim() ? t('rex.form.needTitle') : undefined;
  const sequencesProblem = checked && sequences.length === 0 ? t('rex.form.needSequence') : undefined;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setChecked(true);
    if (!title.trim() || sequences.length === 0) return;
    if (sequences.some((s) => !s.title.trim() || minutesOf(s) === undefined)) return;
    setSent(true);
    onSubmit({
      title: title.trim(),
      objectives: objectives
        .split('\n')
        .map((line) => line.trim())
        .filter(Boolean),
      audience: audience.trim(),
      sequences: sequences.map((s) => ({
        title: s.title.trim(),
        minutes: minutesOf(s) ?? 1,
        ...(s.method.trim() && { method: s.method.trim() }),
        ...(s.materials.trim() && { materials: s.materials.trim() }),
        ...(s.lead.trim() && { lead: s.lead.trim() }),
      })),
    });
  };

  return (
    <form className={styles.form} onSubmit={submit} noValidate>
      <TextField
        label={t('rex.form.title')}
        value={title}
        onChange={(value) => {
          setEdited(true);
          setTitle(value);
        }}
        maxLength={200}
        isRequired
        errorMessage={titleProblem}
      />
      <TextField
        label={t('rex.form.objectives')}
        description={t('rex.form.objectivesHelp')}
        value={objectives}
        onChange={(value) => {
          setEdited(true);
          setObjectives(value);
        }}
        multiline
        rows={3}
        isOptional
      />
      <TextField
        label={t('rex.form.audience')}
        value={audience}
        onChange={(value) => {
          setEdited(true);
          setAudience(value);
        }}
        maxLength={2000}
        isOptional
      />
      <fieldset className={styles.checkboxes}>
        <legend className={styles.total}>{t('rex.form.sequences')}</legend>
        <ol className={styles.sequences}>
          {sequences.map((s, index) => {
            const number = index + 1;
            const upId = `seq-up-${s.key}`;
            const downId = `seq-down-${s.key}`;
            const badTitle = checked && !s.title.trim() ? t('rex.form.needTitle') : undefined;
            const badMinutes = checked && minutesOf(s) === undefined ? t('rex.form.badMinutes') : undefined;
            return (
              <li key={s.key} className={styles.sequence}>
                <div className={styles.sequenceHead}>
                  <span>{t('rex.form.sequence', { number })}</span>
                  <span className={styles.sequenceButtons}>
                    <Button
                      id={upId}
                      size="sm"
                      variant="secondary"
                      disabled={index === 0}
                      aria-label={t('rex.form.moveUp', { number })}
                      onClick={() => move(index, -1, upId)}
                      ref={(node) => {
                        if (node && focusAfterMove.current === upId) {
                          focusAfterMove.current = null;
                          node.focus();
                        }
                      }}
                    >
                      ↑
                    </Button>
                    <Button
                      id={downId}
                      size="sm"
                      variant="secondary"
                      disabled={index === sequences.length - 1}
                      aria-label={t('rex.form.moveDown', { number })}
                      onClick={() => move(index, 1, downId)}
                      ref={(node) => {
                        if (node && focusAfterMove.current === downId) {
                          focusAfterMove.current = null;
                          node.focus();
                        }
                      }}
                    >
                      ↓
                    </Button>
                    <Button
                      size="sm"
                      variant="secondary"
                      onClick={() => {
                        setEdited(true);
                        setSequences((list) => list.filter((other) => other.key !== s.key));
                      }}
                    >
                      {t('rex.form.removeSequence', { number })}
                    </Button>
                  </span>
                </div>
                <div className={styles.row}>
                  <TextField
                    label={t('rex.form.sequenceTitle')}
                    value={s.title}
                    onChange={(value) => update(s.key, { title: value })}
                    maxLength={300}
                    isRequired
                    errorMessage={badTitle}
                  />
                  <TextField
                    label={t('rex.form.sequenceMinutes')}
                    type="number"
                    min={1}
                    max={MAX_SEQUENCE_MINUTES}
                    value={s.minutes}
                    onChange={(value) => update(s.key, { minutes: value })}
                    isRequired
                    errorMessage={badMinutes}
                  />
                </div>
                <TextField
                  label={t('rex.form.sequenceMethod')}
                  value={s.method}
                  onChange={(value) => update(s.key, { method: value })}
                  multiline
                  rows={2}
                  maxLength={2000}
                  isOptional
                />
                <div className={styles.row}>
                  <TextField
                    label={t('rex.form.sequenceMaterials')}
                    value={s.materials}
                    onChange={(value) => update(s.key, { materials: value })}
                    maxLength={2000}
                    isOptional
                  />
                  <TextField
                    label={t('rex.form.sequenceLead')}
                    value={s.lead}
                    onChange={(value) => update(s.key, { lead: value })}
                    maxLength={200}
                    isOptional
                  />
                </div>
              </li>
            );
          })}
        </ol>
        {sequencesProblem ? <Alert tone="warning">{sequencesProblem}</Alert> : null}
        <div className={styles.buttons}>
          <Button
            variant="secondary"
            disabled={sequences.length >= MAX_SEQUENCES}
            onClick={() => {
              setEdited(true);
              setSequences((list) => [...list, draftOf()]);
            }}
          >
            {t('rex.form.addSequence')}
          </Button>
          <p className={styles.total} aria-live="polite">
            {t('rex.form.runningTotal', { duration: formatDuration(t, total) })}
          </p>
        </div>
      </fieldset>
      {error ? <Alert tone="danger">{errorMessage(error)}</Alert> : null}
      <div className={styles.buttons}>
        <Button type="submit" isPending={isPending}>
          {submitLabel}
        </Button>
        {onCancel ? (
          <Button variant="secondary" onClick={onCancel}>
            {t('rex.form.cancel')}
          </Button>
        ) : null}
      </div>
    </form>
  );
}
