import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { Button } from '../../components/button.tsx';
import { Dialog } from '../../components/dialog.tsx';
import fieldStyles from '../../components/field.module.css';
import formStyles from '../../components/form.module.css';
import { FormProblem } from '../../components/form-problem.tsx';
import { SelectField } from '../../components/select-field.tsx';
import { TextField } from '../../components/text-field.tsx';
import { datePollSchemas } from '../../lib/contract-schemas.ts';
import type { FieldIssues, MessageKey } from '../../lib/form-validation.ts';
import { useContractForm } from '../../lib/use-contract-form.ts';
import { commonTimeZones, viewerTimeZone, zonedToIso } from '../sessions/session-time.ts';
import styles from './create-date-poll-dialog.module.css';
import { useCreatePoll } from './date-poll-api.ts';

interface SlotRow {
  key: number;
  date: string;
  start: string;
  end: string;
}

let nextKey = 0;
const emptyRow = (from?: SlotRow): SlotRow => ({
  key: ++nextKey,
  date: from?.date ?? '',
  start: from?.start ?? '12:00',
  end: from?.end ?? '13:30',
});

const loadSchema = () => datePollSchemas().then((m) => m.datePollCreateSchema);

interface Values {
  title: string;
  timeZone: string;
  slots: SlotRow[];
  deadline: string;
  hideParticipants: boolean;
}

const slotTimes = (row: SlotRow, timeZone: string) => ({
  startsAt: zonedToIso(row.date, row.start, timeZone),
  endsAt: zonedToIso(row.date, row.end, timeZone),
});
const deadlineOf = (values: Values) =>
  values.deadline ? zonedToIso(values.deadline, '23:59', values.timeZone) : undefined;

function toInput(values: Values) {
  const deadline = deadlineOf(values);
  return {
    title: values.title,
    timeZone: values.timeZone,
    hideParticipants: values.hideParticipants,
    slots: values.slots.map((row) => slotTimes(row, values.timeZone)),
    ...(deadline && { deadline }),
  };
}

/**
 * What the contract cannot say: a row's missing part (its times do not exist without it) and
 * what lies in the past by this browser's clock. The server's clock decides in the end.
 */
function rowIssues(values: Values): FieldIssues {
  const found: FieldIssues = {};
  values.slots.forEach((row, index) => {
    const slot = slotTimes(row, values.timeZone);
    const at = (field: string) => `slots.${index}.${field}`;
    if (!row.date) found[at('date')] = { key: 'validation.required' };
    else if (!slot.startsAt) found[at('startsAt')] = { key: 'validation.required' };
    else if (!slot.endsAt) found[at('endsAt')] = { key: 'validation.required' };
    else if (Date.parse(slot.endsAt) > Date.parse(slot.startsAt) && Date.parse(slot.startsAt) < Date.now())
      found[at('startsAt')] = { key: 'datePolls.create.slotPast' };
  });
  const deadline = deadlineOf(values);
  if (deadline && Date.parse(deadline) <= Date.now())
    found.deadline = { key: 'datePolls.create.deadlinePast' };
  return found;
}

/** The server's per-slot words are codes: "in-the-past", "duplicate". */
function explainServerIssue(path: string, message: string): MessageKey | undefined {
  if (!path.startsWith('slots.')) return undefined;
  if (message === 'in-the-past') return 'datePolls.create.slotPast';
  if (message === 'duplicate') return 'datePolls.create.slotTwice';
  return 'validation.endAfterStart';
}

/** "Proposer des dates": candidate slots in one time zone, an optional deadline, names hidden or not. */
export function CreateDatePollDialog({
  circleId,
  onClose,
  initialTitle = '',
  onCreated,
}: {
  circleId: string;
  onClose: () => void;
  /** Prefilled (an imported pad's "(framadate ?)" line). */
  initialTitle?: string;
  /** Instead of opening the new poll (the import review stays where it is). */
  onCreated?: (poll: { id: string; title: string }) => void;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const create = useCreatePoll(circleId);
  const form = useContractForm({
    schema: loadSchema,
    initialValues: (): Values => ({
      title: initialTitle,
      timeZone: 'Europe/Paris',
      slots: [emptyRow()],
      deadline: '',
      hideParticipants: false,
    }),
    toInput,
    check: rowIssues,
    messages: { 'slots.*.endsAt': 'validation.endAfterStart' },
    serverMessages: explainServerIssue,
    serverError: create.error,
    onValid: (input) =>
      create.mutate(input, {
        onSuccess: (poll) =>
          onCreated ? onCreated(poll) : navigate(`/date-polls/${encodeURIComponent(poll.id)}`),
      }),
  });
  const rows = form.values.slots;
  const setRows = (update: (all: SlotRow[]) => SlotRow[]) => form.setValue('slots', update(rows));
  const setRow = (key: number, patch: Partial<SlotRow>) =>
    setRows((all) => all.map((row) => (row.key === key ? { ...row, ...patch } : row)));
  const rowProps = (index: number, field: 'date' | 'startsAt' | 'endsAt') => ({
    errorMessage: form.error(`slots.${index}.${field}`),
    onBlur: () => form.revalidate('slots'),
    isRequired: true,
  });

  const zones = [...new Set([...commonTimeZones, viewerTimeZone()])];
  return (
    <Dialog title={t('datePolls.create.title')} onClose={onClose}>
      {() => (
        <form className={formStyles.form} {...form.formProps}>
          <TextField
            label={t('datePolls.create.name')}
            description={t('datePolls.create.nameHint')}
            {...form.text('title')}
          />
          <SelectField
            label={t('datePolls.create.timeZone')}
            value={form.values.timeZone}
            onChange={(zone) => form.setValue('timeZone', zone)}
            options={zones.map((zone) => ({ value: zone, label: zone.replace('_', ' ') }))}
          />
          <fieldset className={styles.slots}>
            <legend className={fieldStyles.label}>{t('datePolls.create.slots')}</legend>
            {rows.map((row, index) => (
              <div key={row.key}>
                <div className={styles.slot}>
                  <TextField
                    label={t('datePolls.create.slotDate', { n: index + 1 })}
                    type="date"
                    value={row.date}
                    onChange={(date) => setRow(row.key, { date })}
                    {...rowProps(index, 'date')}
                  />
                  <TextField
                    label={t('datePolls.create.slotStart')}
                    type="time"
                    value={row.start}
                    onChange={(start) => setRow(row.key, { start })}
                    {...rowProps(index, 'startsAt')}
                  />
                  <TextField
                    label={t('datePolls.create.slotEnd')}
                    type="time"
                    value={row.end}
                    onChange={(end) => setRow(row.key, { end })}
                    {...rowProps(index, 'endsAt')}
                  />
                  {rows.length > 1 ? (
                    <Button
                      variant="ghost"
                      size="sm"
                      className={styles.remove}
                      aria-label={t('datePolls.create.removeSlot', { n: index + 1 })}
                      onClick={() => setRows((all) => all.filter((r) => r.key !== row.key))}
                    >
                      {t('datePolls.create.remove')}
                    </Button>
                  ) : null}
                </div>
              </div>
            ))}
            <div>
              <Button
                variant="secondary"
                size="sm"
                onClick={() => setRows((all) => [...all, emptyRow(all.at(-1))])}
              >
                {t('datePolls.create.addSlot')}
              </Button>
            </div>
          </fieldset>
          <TextField
            label={t('datePolls.create.deadline')}
            description={t('datePolls.create.deadlineHint')}
            type="date"
            {...form.text('deadline')}
            isOptional
          />
          <label className={styles.check}>
            <input
              type="checkbox"
              checked={form.values.hideParticipants}
              onChange={(e) => form.setValue('hideParticipants', e.target.checked)}
            />
            {t('datePolls.create.hideParticipants')}
          </label>
          <FormProblem
            text={create.error && !form.formMessage ? t('datePolls.create.fixSlots') : form.formMessage}
          />
          <div className={formStyles.actions}>
            <Button type="submit" isPending={create.isPending}>
              {t('datePolls.create.submit')}
            </Button>
          </div>
        </form>
      )}
    </Dialog>
  );
}
