import { type ChangeEvent, type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../../components/button.tsx';
import fieldStyles from '../../../components/field.module.css';
import formStyles from '../../../components/form.module.css';
import { FormStatus, type FormStatusMessage } from '../../../components/form-status.tsx';
import { SelectField } from '../../../components/select-field.tsx';
import { TextField } from '../../../components/text-field.tsx';
import type { SessionImportInput } from '../session-api.ts';
import { commonTimeZones, viewerTimeZone } from '../session-time.ts';
import type { ImportField } from './import-errors.ts';
import styles from './import-notes.module.css';
import { maxImportBytes, readTextFile, utf8Bytes } from './read-text-file.ts';

export interface ImportNotesFormProps {
  input: SessionImportInput;
  onChange: (input: SessionImportInput) => void;
  onPreview: () => void;
  isPending: boolean;
  /** The problem to show, already translated, and where. */
  problem: { text: string; field: ImportField } | null;
  /** The outcome of the last preview, for the live region. */
  status: FormStatusMessage | null;
}

/** A native file input: react-aria's FileTrigger would add weight for the same keyboard use. */
function FilePicker({ onText }: { onText: (text: string) => void }) {
  const { t } = useTranslation();
  const id = useId();
  const [message, setMessage] = useState<FormStatusMessage | null>(null);
  async function pick(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    const result = await readTextFile(file);
    if (result.ok) {
      setMessage({
        tone: 'success',
        text: t('sessionImport.fileLoaded', { name: file.name, size: Math.ceil(file.size / 1000) }),
      });
      onText(result.text);
      return;
    }
    const size = (file.size / 1_000_000).toLocaleString(undefined, { maximumFractionDigits: 1 });
    setMessage({ tone: 'danger', text: t(`sessionImport.file.${result.reason}`, { name: file.name, size }) });
  }
  return (
    <div className={fieldStyles.field}>
      <label className={fieldStyles.label} htmlFor={id}>
        {t('sessionImport.fileLabel')}
      </label>
      <p id={`${id}-hint`} className={fieldStyles.description}>
        {t('sessionImport.fileHint')}
      </p>
      <input
        id={id}
        type="file"
        className={styles.file}
        accept=".txt,.md,.markdown,text/plain,text/markdown"
        aria-describedby={`${id}-hint`}
        onChange={(event) => void pick(event)}
      />
      <FormStatus message={message} />
    </div>
  );
}

/** Pasted text or a file, and what the notes may lack: their day and time zone. */
export function ImportNotesForm({
  input,
  onChange,
  onPreview,
  isPending,
  problem,
  status,
}: ImportNotesFormProps) {
  const { t } = useTranslation();
  const [localProblem, setLocalProblem] = useState<{ text: string; field: ImportField } | null>(null);
  const shown = localProblem ?? problem;
  const errorOf = (field: ImportField) => (shown?.field === field ? shown.text : undefined);
  const set = (patch: Partial<SessionImportInput>) => {
    setLocalProblem(null);
    onChange({ ...input, ...patch });
  };

  function submit(event: FormEvent) {
    event.preventDefault();
    if (input.text.trim() === '') {
      setLocalProblem({ text: t('sessionImport.errors.empty'), field: 'text' });
      return;
    }
    if (utf8Bytes(input.text) > maxImportBytes) {
      setLocalProblem({ text: t('sessionImport.errors.tooLarge'), field: 'text' });
      return;
    }
    setLocalProblem(null);
    onPreview();
  }

  const zones = [...new Set([...commonTimeZones, viewerTimeZone(), input.timeZone])];
  const formMessage = shown?.field === 'form' ? { tone: 'danger' as const, text: shown.text } : status;
  return (
    <form className={formStyles.form} onSubmit={submit} noValidate>
      <TextField
        label={t('sessionImport.text')}
        description={t('sessionImport.textHint')}
        value={input.text}
        onChange={(text) => set({ text })}
        errorMessage={errorOf('text')}
        multiline
        rows={14}
      />
      <FilePicker onText={(text) => set({ text })} />
      <div className={formStyles.row}>
        <TextField
          label={t('sessionImport.date')}
          description={t('sessionImport.dateHint')}
          type="date"
          value={input.date ?? ''}
          onChange={(date) => set({ date: date || undefined })}
          errorMessage={errorOf('date')}
          isOptional
        />
        <SelectField
          label={t('sessionImport.timeZone')}
          description={t('sessionImport.timeZoneHint')}
          value={input.timeZone}
          onChange={(timeZone) => set({ timeZone })}
          options={zones.map((zone) => ({ value: zone, label: zone.replace('_', ' ') }))}
          errorMessage={errorOf('timeZone')}
        />
      </div>
      {/* A field's own error is not announced when it appears: this region reads it out. */}
      <p className="visually-hidden" role="status">
        {shown && shown.field !== 'form' ? shown.text : ''}
      </p>
      <FormStatus message={formMessage} />
      <div className={formStyles.actions}>
        <Button type="submit" isPending={isPending}>
          {t('sessionImport.preview')}
        </Button>
      </div>
    </form>
  );
}
