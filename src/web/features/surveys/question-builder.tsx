import { useTranslation } from 'react-i18next';
import type { QuestionInput, SurveyQuestionDto } from '../../../contract/survey.ts';
import { type QuestionKind, questionKinds } from '../../../domain/survey.ts';
import { Button } from '../../components/button.tsx';
import { SelectField } from '../../components/select-field.tsx';
import { TextField } from '../../components/text-field.tsx';
import styles from './surveys.module.css';

/** A question as the builder edits it: options one per line, the range as text fields. */
export interface DraftQuestion {
  key: string;
  kind: QuestionKind;
  text: string;
  section: string;
  required: boolean;
  options: string;
  min: string;
  max: string;
  minLabel: string;
  maxLabel: string;
}

let drafts = 0;
export const newDraft = (kind: QuestionKind = 'scale'): DraftQuestion => ({
  key: `draft-${++drafts}`,
  kind,
  text: '',
  section: '',
  required: false,
  options: '',
  min: '1',
  max: '5',
  minLabel: '',
  maxLabel: '',
});

/** A template's questions, ready to be adapted. */
export const draftsOf = (questions: SurveyQuestionDto[]): DraftQuestion[] =>
  questions.map((q) => ({
    ...newDraft(q.kind),
    text: q.text,
    section: q.section ?? '',
    required: q.required,
    options: q.options.map((o) => o.text).join('\n'),
    min: String(q.min ?? 1),
    max: String(q.max ?? 5),
    minLabel: q.minLabel ?? '',
    maxLabel: q.maxLabel ?? '',
  }));

/** What the API takes (questionInputSchema): empty fields left out, options split by line. */
export function toQuestionInput(draft: DraftQuestion): QuestionInput {
  const optional = (value: string) => (value.trim() ? value.trim() : undefined);
  const choice = draft.kind === 'single' || draft.kind === 'multiple';
  const ranged = draft.kind === 'scale' || draft.kind === 'nps';
  const input: QuestionInput = { kind: draft.kind, text: draft.text.trim(), required: draft.required };
  const section = optional(draft.section);
  if (section) input.section = section;
  if (choice) {
    input.options = draft.options
      .split('\n')
      .map((o) => o.trim())
      .filter(Boolean);
  }
  if (draft.kind === 'scale') {
    input.min = Number(draft.min);
    input.max = Number(draft.max);
  }
  if (ranged) {
    const minLabel = optional(draft.minLabel);
    const maxLabel = optional(draft.maxLabel);
    if (minLabel) input.minLabel = minLabel;
    if (maxLabel) input.maxLabel = maxLabel;
  }
  return input;
}

function DraftEditor({
  draft,
  index,
  count,
  onChange,
  onMove,
  onRemove,
}: {
  draft: DraftQuestion;
  index: number;
  count: number;
  onChange: (draft: DraftQuestion) => void;
  onMove: (offset: -1 | 1) => void;
  onRemove: () => void;
}) {
  const { t } = useTranslation();
  const set = (patch: Partial<DraftQuestion>) => onChange({ ...draft, ...patch });
  return (
    <li className={styles.builderItem}>
      <h3 className={styles.builderTitle}>{t('surveys.builder.number', { n: index + 1 })}</h3>
      <div className={styles.builderRow}>
        <SelectField
          label={t('surveys.builder.kind')}
          value={draft.kind}
          onChange={(kind) => set({ kind })}
          options={questionKinds.map((kind) => ({ value: kind, label: t(`surveys.kind.${kind}`) }))}
        />
        <TextField
          label={t('surveys.builder.text')}
          value={draft.text}
          onChange={(text) => set({ text })}
          maxLength={500}
          isRequired
        />
      </div>
      <TextField
        label={t('surveys.builder.section')}
        description={t('surveys.builder.sectionHelp')}
        value={draft.section}
        onChange={(section) => set({ section })}
        maxLength={200}
        isOptional
      />
      {draft.kind === 'single' || draft.kind === 'multiple' ? (
        <TextField
          label={t('surveys.builder.options')}
          description={t('surveys.builder.optionsHelp')}
          value={draft.options}
          onChange={(options) => set({ options })}
          multiline
          rows={4}
          isRequired
        />
      ) : null}
      {draft.kind === 'scale' ? (
        <div className={styles.builderRow}>
          <TextField
            label={t('surveys.builder.min')}
            type="number"
            min={0}
            max={10}
            value={draft.min}
            onChange={(min) => set({ min })}
          />
          <TextField
            label={t('surveys.builder.max')}
            type="number"
            min={0}
            max={10}
            value={draft.max}
            onChange={(max) => set({ max })}
          />
        </div>
      ) : null}
      {draft.kind === 'scale' || draft.kind === 'nps' ? (
        <div className={styles.builderRow}>
          <TextField
            label={t('surveys.builder.minLabel')}
            value={draft.minLabel}
            onChange={(minLabel) => set({ minLabel })}
            maxLength={100}
            isOptional
          />
          <TextField
            label={t('surveys.builder.maxLabel')}
            value={draft.maxLabel}
            onChange={(maxLabel) => set({ maxLabel })}
            maxLength={100}
            isOptional
          />
        </div>
      ) : null}
      <label className={styles.check}>
        <input
          type="checkbox"
          checked={draft.required}
          onChange={(event) => set({ required: event.target.checked })}
        />
        {t('surveys.builder.required')}
      </label>
      <div className={styles.actions}>
        <Button variant="secondary" size="sm" onClick={() => onMove(-1)} disabled={index === 0}>
          {t('surveys.builder.up')}
        </Button>
        <Button variant="secondary" size="sm" onClick={() => onMove(1)} disabled={index === count - 1}>
          {t('surveys.builder.down')}
        </Button>
        <Button variant="secondary" size="sm" onClick={onRemove} disabled={count === 1}>
          {t('surveys.builder.remove')}
        </Button>
      </div>
    </li>
  );
}

/** The questions of a questionnaire being written: added, edited, moved, removed. */
export function QuestionBuilder({
  drafts: list,
  onChange,
}: {
  drafts: DraftQuestion[];
  onChange: (drafts: DraftQuestion[]) => void;
}) {
  const { t } = useTranslation();
  return (
    <div className={styles.builder}>
      <ol className={styles.list}>
        {list.map((draft, index) => (
          <DraftEditor
            key={draft.key}
            draft={draft}
            index={index}
            count={list.length}
            onChange={(next) => onChange(list.map((d) => (d.key === draft.key ? next : d)))}
            onMove={(offset) => {
              const next = [...list];
              const [moved] = next.splice(index, 1);
              if (moved) next.splice(index + offset, 0, moved);
              onChange(next);
            }}
            onRemove={() => onChange(list.filter((d) => d.key !== draft.key))}
          />
        ))}
      </ol>
      <div>
        <Button variant="secondary" onClick={() => onChange([...list, newDraft()])}>
          {t('surveys.builder.add')}
        </Button>
      </div>
    </div>
  );
}
