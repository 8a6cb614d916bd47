import type { TFunction } from 'i18next';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { Button } from '../../components/button.tsx';
import { Dialog } from '../../components/dialog.tsx';
import fieldStyles from '../../components/field.module.css';
import formStyles from '../../components/form.module.css';
import { FormStatus } from '../../components/form-status.tsx';
import { SelectField } from '../../components/select-field.tsx';
import { TextField } from '../../components/text-field.tsx';
import { ApiError } from '../../lib/api-client.ts';
import { useErrorMessage } from '../../lib/error-message.ts';
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

/** The server's per-slot problems (`body.slots.<i>.<field>`), keyed like the form's own. */
function slotIssues(error: unknown, rows: SlotRow[], t: TFunction): Record<string, string> {
  if (!(error instanceof ApiError)) return {};
  const found: Record<string, string> = {};
  for (const issue of error.fieldIssues) {
    const [where, list, index, field] = issue.path;
    const row = rows[Number(index)];
    if (where !== 'body' || list !== 'slots' || !row) continue;
    const name = field === 'startsAt' ? 'start' : field === 'endsAt' ? 'end' : 'date';
    found[`${name}${row.key}`] ??=
      issue.message === 'in-the-past'
        ? t('datePolls.create.slotPast')
        : issue.message === 'duplicate'
          ? t('datePolls.create.slotTwice')
          : t('validation.endAfterStart');
  }
  return found;
}

/** "Proposer des dates": candidate slots in one time zone, an optional deadline, names hidden or not. */
export function CreateDatePollDialog({ circleId, onClose }: { circleId: string; onClose: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const errorMessage = useErrorMessage();
  const create = useCreatePoll(circleId);
  const [title, setTitle] = useState('');
  const [timeZone, setTimeZone] = useState('Europe/Paris');
  const [rows, setRows] = useState<SlotRow[]>(() => [emptyRow()]);
  const [deadline, setDeadline] = useState('');
  const [hideParticipants, setHide] = useState(false);
  const [issues, setIssues] = useState<Record<string, string>>({});

  const setRow = (key: number, patch: Partial<SlotRow>) =>
    setRows((all) => all.map((row) => (row.key === key ? { ...row, ...patch } : row)));

  function submit(event: FormEvent) {
    event.preventDefault();
    const found: Record<string, string> = {};
    if (!title.trim()) found.title = t('validation.required');
    const slots = rows.map((row) => ({
      startsAt: zonedToIso(row.date, row.start, timeZone),
      endsAt: zonedToIso(row.date, row.end, timeZone),
    }));
    slots.forEach((slot, index) => {
      const key = rows[index]?.key;
      if (!rows[index]?.date) found[`date${key}`] = t('validation.required');
      else if (!slot.startsAt) found[`start${key}`] = t('validation.required');
      else if (!slot.endsAt) found[`end${key}`] = t('validation.required');
      else if (Date.parse(slot.endsAt) <= Date.parse(slot.startsAt))
        found[`end${key}`] = t('validation.endAfterStart');
      else if (Date.parse(slot.startsAt) < Date.now()) found[`start${key}`] = t('datePolls.create.slotPast');
    });
    const deadlineIso = deadline ? zonedToIso(deadline, '23:59', timeZone) : undefined;
    if (deadlineIso && Date.parse(deadlineIso) <= Date.now())
      found.deadline = t('datePolls.create.deadlinePast');
    setIssues(found);
    if (Object.keys(found).length > 0) return;
    create.mutate(
      {
        title,
        timeZone,
        hideParticipants,
        slots: slots.map((slot) => ({ startsAt: slot.startsAt ?? '', endsAt: slot.endsAt ?? '' })),
        ...(deadlineIso && { deadline: deadlineIso }),
      },
      {
        onSuccess: (poll) => navigate(`/date-polls/${encodeURIComponent(poll.id)}`),
        // The server's clock decides "in the past": its answer is shown at the row it names.
        onError: (error) => setIssues(slotIssues(error, rows, t)),
      },
    );
  }

  const zones = [...new Set([...commonTimeZones, viewerTimeZone()])];
  return (
    <Dialog title={t('datePolls.create.title')} onClose={onClose}>
      {() => (
        <form className={formStyles.form} onSubmit={submit} noValidate>
          <TextField
            label={t('datePolls.create.name')}
            description={t('datePolls.create.nameHint')}
            value={title}
            onChange={setTitle}
            errorMessage={issues.title}
            isRequired
          />
          <SelectField
            label={t('datePolls.create.timeZone')}
            value={timeZone}
            onChange={setTimeZone}
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
                    errorMessage={issues[`date${row.key}`]}
                    isRequired
                  />
                  <TextField
                    label={t('datePolls.create.slotStart')}
                    type="time"
                    value={row.start}
                    onChange={(start) => setRow(row.key, { start })}
                    errorMessage={issues[`start${row.key}`]}
                    isRequired
                  />
                  <TextField
                    label={t('datePolls.create.slotEnd')}
                    type="time"
                    value={row.end}
                    onChange={(end) => setRow(row.key, { end })}
                    errorMessage={issues[`end${row.key}`]}
                    isRequired
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
            value={deadline}
            onChange={setDeadline}
            errorMessage={issues.deadline}
            isOptional
          />
          <label className={styles.check}>
            <input type="checkbox" checked={hideParticipants} onChange={(e) => setHide(e.target.checked)} />
            {t('datePolls.create.hideParticipants')}
          </label>
          <FormStatus
            message={
              create.error
                ? {
                    tone: 'danger',
                    text: Object.keys(issues).length
                      ? t('datePolls.create.fixSlots')
                      : errorMessage(create.error),
                  }
                : null
            }
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
