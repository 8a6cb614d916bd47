import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { Button } from '../../components/button.tsx';
import { Dialog } from '../../components/dialog.tsx';
import fieldStyles from '../../components/field.module.css';
import formStyles from '../../components/form.module.css';
import { FormProblem } from '../../components/form-problem.tsx';
import { TextField } from '../../components/text-field.tsx';
import { signupSchemas } from '../../lib/contract-schemas.ts';
import { numberFromText, useContractForm } from '../../lib/use-contract-form.ts';
import styles from '../date-polls/create-date-poll-dialog.module.css';
import { useCreateSheet } from './signup-api.ts';

interface TopicRow {
  key: number;
  title: string;
  capacity: string;
}

let nextKey = 0;
const emptyRow = (): TopicRow => ({ key: ++nextKey, title: '', capacity: '' });

const loadSchema = () => signupSchemas().then((m) => m.signupSheetCreateSchema);

interface Values {
  title: string;
  topics: TopicRow[];
}

/** Rows left blank are no topic: the contract sees only the others. */
const filledRows = (rows: TopicRow[]) => rows.filter((row) => row.title.trim() || row.capacity.trim());

function toInput(values: Values) {
  return {
    title: values.title,
    topics: filledRows(values.topics).map((row) => ({
      title: row.title,
      capacity: numberFromText(row.capacity, null),
    })),
  };
}

/** "Ouvrir une feuille d’inscription": topics or slots, each with an optional number of places. */
export function CreateSignupSheetDialog({
  circleId,
  onClose,
  initial,
  onCreated,
}: {
  circleId: string;
  onClose: () => void;
  /** Prefilled (an imported pad's "Inscrivez-vous ici"): a title and a topic per row. */
  initial?: { title: string; topics: string[] };
  /** Instead of opening the new sheet (the import review stays where it is). */
  onCreated?: (sheet: { id: string; title: string }) => void;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const create = useCreateSheet(circleId);
  const form = useContractForm({
    schema: loadSchema,
    initialValues: (): Values =>
      initial
        ? { title: initial.title, topics: initial.topics.map((title) => ({ ...emptyRow(), title })) }
        : { title: '', topics: [emptyRow(), emptyRow()] },
    toInput,
    messages: { 'topics.*.capacity': 'signups.create.capacityInvalid' },
    serverError: create.error,
    onValid: (input) =>
      create.mutate(input, {
        onSuccess: (sheet) =>
          onCreated ? onCreated(sheet) : navigate(`/signup-sheets/${encodeURIComponent(sheet.id)}`),
      }),
  });
  const rows = form.values.topics;
  const setRows = (update: (all: TopicRow[]) => TopicRow[]) => form.setValue('topics', update(rows));
  const setRow = (key: number, patch: Partial<TopicRow>) =>
    setRows((all) => all.map((row) => (row.key === key ? { ...row, ...patch } : row)));
  // The contract numbers the filled rows only; a sheet without any is told so on its first row.
  const filled = filledRows(rows);
  const rowError = (row: TopicRow, field: 'title' | 'capacity', index: number) => {
    const position = filled.indexOf(row);
    if (position >= 0) return form.error(`topics.${position}.${field}`);
    return filled.length === 0 && index === 0 && field === 'title' ? form.error('topics') : undefined;
  };

  return (
    <Dialog title={t('signups.create.title')} onClose={onClose}>
      {() => (
        <form className={formStyles.form} {...form.formProps}>
          <TextField
            label={t('signups.create.name')}
            description={t('signups.create.nameHint')}
            {...form.text('title')}
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
                  onBlur={() => form.revalidate('topics')}
                  errorMessage={rowError(row, 'title', index)}
                />
                <TextField
                  label={t('signups.create.capacity')}
                  inputMode="numeric"
                  value={row.capacity}
                  onChange={(value) => setRow(row.key, { capacity: value })}
                  onBlur={() => form.revalidate('topics')}
                  errorMessage={rowError(row, 'capacity', index)}
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
          <FormProblem text={form.formMessage} />
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
