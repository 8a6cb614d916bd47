import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { Button } from '../../components/button.tsx';
import { Dialog } from '../../components/dialog.tsx';
import fieldStyles from '../../components/field.module.css';
import formStyles from '../../components/form.module.css';
import { FormStatus } from '../../components/form-status.tsx';
import { TextField } from '../../components/text-field.tsx';
import { useErrorMessage } from '../../lib/error-message.ts';
import styles from '../date-polls/create-date-poll-dialog.module.css';
import { useCreateSheet } from './signup-api.ts';

interface TopicRow {
  key: number;
  title: string;
  capacity: string;
}

let nextKey = 0;
const emptyRow = (): TopicRow => ({ key: ++nextKey, title: '', capacity: '' });

/** "Ouvrir une feuille d’inscription": topics or slots, each with an optional number of places. */
export function CreateSignupSheetDialog({ circleId, onClose }: { circleId: string; onClose: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const errorMessage = useErrorMessage();
  const create = useCreateSheet(circleId);
  const [title, setTitle] = useState('');
  const [rows, setRows] = useState<TopicRow[]>(() => [emptyRow(), emptyRow()]);
  const [issues, setIssues] = useState<Record<string, string>>({});
  const setRow = (key: number, patch: Partial<TopicRow>) =>
    setRows((all) => all.map((row) => (row.key === key ? { ...row, ...patch } : row)));

  function submit(event: FormEvent) {
    event.preventDefault();
    const found: Record<string, string> = {};
    if (!title.trim()) found.title = t('validation.required');
    const filled = rows.filter((row) => row.title.trim() || row.capacity.trim());
    if (filled.length === 0) found[`title${rows[0]?.key}`] = t('validation.required');
    for (const row of filled) {
      if (!row.title.trim()) found[`title${row.key}`] = t('validation.required');
      const capacity = row.capacity.trim();
      if (capacity && !(/^\d+$/.test(capacity) && Number(capacity) >= 1)) {
        found[`capacity${row.key}`] = t('signups.create.capacityInvalid');
      }
    }
    setIssues(found);
    if (Object.keys(found).length > 0) return;
    create.mutate(
      {
        title,
        topics: filled.map((row) => ({
          title: row.title,
          capacity: row.capacity.trim() ? Number(row.capacity) : null,
        })),
      },
      { onSuccess: (sheet) => navigate(`/signup-sheets/${encodeURIComponent(sheet.id)}`) },
    );
  }

  return (
    <Dialog title={t('signups.create.title')} onClose={onClose}>
      {() => (
        <form className={formStyles.form} onSubmit={submit} noValidate>
          <TextField
            label={t('signups.create.name')}
            description={t('signups.create.nameHint')}
            value={title}
            onChange={setTitle}
            errorMessage={issues.title}
            isRequired
          />
          <fieldset className={styles.slots}>
            <legend className={fieldStyles.label}>{t('signups.create.topics')}</legend>
            <p className={formStyles.hint}>{t('signups.create.capacityHint')}</p>
            {rows.map((row, index) => (
              <div key={row.key} className={styles.topic}>
                <TextField
                  label={t('signups.create.topic', { n: index + 1 })}
                  value={row.title}
                  onChange={(value) => setRow(row.key, { title: value })}
                  errorMessage={issues[`title${row.key}`]}
                />
                <TextField
                  label={t('signups.create.capacity')}
                  inputMode="numeric"
                  value={row.capacity}
                  onChange={(value) => setRow(row.key, { capacity: value })}
                  errorMessage={issues[`capacity${row.key}`]}
                  isOptional
                />
                {rows.length > 1 ? (
                  <Button
                    variant="ghost"
                    size="sm"
                    className={styles.remove}
                    aria-label={t('signups.create.removeTopic', { n: index + 1 })}
                    onClick={() => setRows((all) => all.filter((r) => r.key !== row.key))}
                  >
                    {t('signups.create.remove')}
                  </Button>
                ) : null}
              </div>
            ))}
            <div>
              <Button variant="secondary" size="sm" onClick={() => setRows((all) => [...all, emptyRow()])}>
                {t('signups.create.addTopic')}
              </Button>
            </div>
          </fieldset>
          <FormStatus message={create.error ? { tone: 'danger', text: errorMessage(create.error) } : null} />
          <div className={formStyles.actions}>
            <Button type="submit" isPending={create.isPending}>
              {t('signups.create.submit')}
            </Button>
          </div>
        </form>
      )}
    </Dialog>
  );
}
