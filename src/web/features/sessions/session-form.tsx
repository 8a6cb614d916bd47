import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Session, SessionCreateInput, SessionSeriesCreateBody } from '../../../contract/session.ts';
import { Button } from '../../components/button.tsx';
import formStyles from '../../components/form.module.css';
import { FormProblem } from '../../components/form-problem.tsx';
import { SelectField } from '../../components/select-field.tsx';
import { TextField } from '../../components/text-field.tsx';
import { sessionSchemas } from '../../lib/contract-schemas.ts';
import type { FieldIssues } from '../../lib/form-validation.ts';
import { useContractForm } from '../../lib/use-contract-form.ts';
import { noRepeat, type RepeatValues, repeatRule, SessionRepeatFields } from './session-repeat.tsx';
import { commonTimeZones, isoToZoned, viewerTimeZone, zonedToIso } from './session-time.ts';

const loadSchema = () => sessionSchemas().then((m) => m.sessionCreateSchema);

interface Values {
  title: string;
  date: string;
  startTime: string;
  endTime: string;
  timeZone: string;
  place: string;
  videoUrl: string;
  description: string;
}

function initialValues(session?: Session): Values {
  if (!session) {
    return {
      title: '',
      date: '',
      startTime: '12:00',
      endTime: '13:30',
      timeZone: 'Europe/Paris',
      place: '',
      videoUrl: '',
      description: '',
    };
  }
  const start = isoToZoned(session.startsAt, session.timeZone);
  const end = isoToZoned(session.endsAt, session.timeZone);
  return {
    title: session.title,
    date: start.date,
    startTime: start.time,
    endTime: end.time,
    timeZone: session.timeZone,
    place: session.place,
    videoUrl: session.videoUrl ?? '',
    description: session.description,
  };
}

/** Zones offered: the common French ones, the reader's own, and the session's current one. */
function zoneOptions(current: string): string[] {
  return [...new Set([...commonTimeZones, viewerTimeZone(), current])];
}

const timesOf = (values: Values) => ({
  startsAt: zonedToIso(values.date, values.startTime, values.timeZone),
  endsAt: zonedToIso(values.date, values.endTime, values.timeZone),
});

function toInput(values: Values) {
  return {
    title: values.title,
    ...timesOf(values),
    timeZone: values.timeZone,
    place: values.place,
    videoUrl: values.videoUrl.trim(),
    description: values.description,
  };
}

/** A start or an end needs its day and its time: said at the part that is missing. */
function missingParts(values: Values): FieldIssues {
  const { startsAt, endsAt } = timesOf(values);
  const missing: FieldIssues = {};
  if (!startsAt) missing[values.date ? 'startTime' : 'date'] = { key: 'validation.required' };
  if (!endsAt) missing.endTime = { key: 'validation.required' };
  return missing;
}

export interface SessionFormProps {
  session?: Session;
  onSubmit: (input: SessionCreateInput) => void;
  /** When planning: offers repetition, and a repeating session is planned as a series. */
  onSubmitSeries?: (input: SessionSeriesCreateBody) => void;
  isPending: boolean;
  error: unknown;
}

/** The series a repeating session makes, from the checked input (its day and times in its zone). */
function seriesInput(input: SessionCreateInput, repeat: RepeatValues): SessionSeriesCreateBody | undefined {
  const start = isoToZoned(input.startsAt, input.timeZone);
  const rule = repeatRule(repeat, start.date);
  if (!rule) return undefined;
  return {
    title: input.title,
    timeZone: input.timeZone,
    place: input.place,
    description: input.description,
    videoUrl: input.videoUrl,
    firstDate: start.date,
    startTime: start.time,
    endTime: isoToZoned(input.endsAt, input.timeZone).time,
    frequency: rule.frequency,
    interval: rule.interval,
    count: rule.count,
    skip: [...repeat.skipped],
  };
}

/** The fields of a session: title, day and times in its time zone, place, description. */
export function SessionForm({ session, onSubmit, onSubmitSeries, isPending, error }: SessionFormProps) {
  const { t } = useTranslation();
  const [repeat, setRepeat] = useState<RepeatValues>(noRepeat);
  const form = useContractForm({
    schema: loadSchema,
    initialValues: () => initialValues(session),
    toInput,
    check: missingParts,
    messages: { endsAt: 'validation.endAfterStart', videoUrl: 'calendar.videoUrlInvalid' },
    serverError: error,
    onValid: (input: SessionCreateInput) => {
      const series = onSubmitSeries ? seriesInput(input, repeat) : undefined;
      if (series && onSubmitSeries) onSubmitSeries(series);
      else onSubmit(input);
    },
  });
  const { values, setValue } = form;
  const set =
    <K extends keyof Values>(key: K) =>
    (value: Values[K]) =>
      setValue(key, value);
  // The contract speaks of instants; the form shows the start's problems at the day, the end's at
  // its time, unless a part is missing there.
  const dateError = form.error('date') ?? (form.error('startTime') ? undefined : form.error('startsAt'));
  const endError = form.error('endTime') ?? form.error('endsAt');

  return (
    <form className={formStyles.form} {...form.formProps}>
      <TextField
        label={t('session.form.title')}
        description={t('session.form.titleHint')}
        {...form.text('title')}
      />
      <TextField
        label={t('session.form.date')}
        type="date"
        {...form.text('date')}
        errorMessage={dateError}
        isRequired
      />
      <div className={formStyles.row}>
        <TextField label={t('session.form.startTime')} type="time" {...form.text('startTime')} isRequired />
        <TextField
          label={t('session.form.endTime')}
          type="time"
          {...form.text('endTime')}
          errorMessage={endError}
          isRequired
        />
      </div>
      {onSubmitSeries ? (
        <SessionRepeatFields
          values={repeat}
          onChange={setRepeat}
          firstDate={values.date}
          startTime={values.startTime}
          timeZone={values.timeZone}
        />
      ) : null}
      <SelectField
        label={t('session.form.timeZone')}
        description={t('session.form.timeZoneHint')}
        value={values.timeZone}
        onChange={set('timeZone')}
        options={zoneOptions(values.timeZone).map((zone) => ({ value: zone, label: zone.replace('_', ' ') }))}
        errorMessage={form.error('timeZone')}
      />
      <TextField
        label={t('session.form.place')}
        description={t('session.form.placeHint')}
        {...form.text('place')}
        isOptional
      />
      <TextField
        label={t('calendar.videoUrl')}
        description={t('calendar.videoUrlHint')}
        type="url"
        {...form.text('videoUrl')}
        isOptional
      />
      <TextField
        label={t('session.form.description')}
        {...form.text('description')}
        multiline
        rows={3}
        isOptional
      />
      <FormProblem text={form.formMessage} />
      <div className={formStyles.actions}>
        <Button type="submit" isPending={isPending}>
          {session
            ? t('session.form.save')
            : onSubmitSeries && repeat.frequency !== 'none'
              ? t('session.repeat.submit')
              : t('session.plan.submit')}
        </Button>
      </div>
    </form>
  );
}
