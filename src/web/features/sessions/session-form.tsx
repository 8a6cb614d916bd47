import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Session, SessionCreateInput } from '../../../contract/session.ts';
import { Button } from '../../components/button.tsx';
import formStyles from '../../components/form.module.css';
import { FormStatus } from '../../components/form-status.tsx';
import { SelectField } from '../../components/select-field.tsx';
import { TextField } from '../../components/text-field.tsx';
import { sessionSchemas } from '../../lib/contract-schemas.ts';
import { useErrorMessage } from '../../lib/error-message.ts';
import {
  type FieldIssues,
  issuesFromApiError,
  preloadSchema,
  useFocusFirstInvalid,
  useIssueMessage,
  validate,
} from '../../lib/form-validation.ts';
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

/** Where the schema's start and end problems show: under the date and the end time. */
const fieldOf: Record<string, string> = { startsAt: 'date', endsAt: 'endTime' };

export interface SessionFormProps {
  session?: Session;
  onSubmit: (input: SessionCreateInput) => void;
  isPending: boolean;
  error: unknown;
}

/** The fields of a session: title, day and times in its time zone, place, description. */
export function SessionForm({ session, onSubmit, isPending, error }: SessionFormProps) {
  const { t } = useTranslation();
  const issueMessage = useIssueMessage();
  const errorMessage = useErrorMessage();
  const [values, setValues] = useState(() => initialValues(session));
  const [issues, setIssues] = useState<FieldIssues>({});
  const formRef = useFocusFirstInvalid(issues);
  const set =
    <K extends keyof Values>(key: K) =>
    (value: Values[K]) =>
      setValues((v) => ({ ...v, [key]: value }));
  const serverIssues = issuesFromApiError(error);
  const fieldError = (field: string) => {
    const server = Object.entries(fieldOf).find(([, f]) => f === field)?.[0];
    return issueMessage(issues[field] ?? serverIssues[field] ?? (server ? serverIssues[server] : undefined));
  };

  async function submit(event: FormEvent) {
    event.preventDefault();
    const startsAt = zonedToIso(values.date, values.startTime, values.timeZone);
    const endsAt = zonedToIso(values.date, values.endTime, values.timeZone);
    const missing: FieldIssues = {};
    if (!startsAt) missing[values.date ? 'startTime' : 'date'] = { key: 'validation.required' };
    if (!endsAt) missing.endTime = { key: 'validation.required' };
    if (!startsAt || !endsAt) {
      setIssues(missing);
      return;
    }
    const input = {
      title: values.title,
      startsAt,
      endsAt,
      timeZone: values.timeZone,
      place: values.place,
      videoUrl: values.videoUrl.trim(),
      description: values.description,
    };
    const result = await validate(loadSchema, input);
    if (result.ok) {
      setIssues({});
      onSubmit(result.data);
      return;
    }
    const mapped: FieldIssues = {};
    for (const [field, issue] of Object.entries(result.issues)) {
      if (field === 'endsAt') mapped.endTime = { key: 'validation.endAfterStart' };
      else mapped[fieldOf[field] ?? field] = issue;
    }
    setIssues(mapped);
  }

  const hasServerError = Boolean(error) && Object.keys(serverIssues).length === 0;
  const formMessage = hasServerError ? errorMessage(error) : issueMessage(issues.form);
  return (
    <form
      ref={formRef}
      className={formStyles.form}
      onSubmit={submit}
      onFocus={preloadSchema(loadSchema)}
      noValidate
    >
      <TextField
        label={t('session.form.title')}
        description={t('session.form.titleHint')}
        value={values.title}
        onChange={set('title')}
        errorMessage={fieldError('title')}
        isRequired
      />
      <TextField
        label={t('session.form.date')}
        type="date"
        value={values.date}
        onChange={set('date')}
        errorMessage={fieldError('date')}
        isRequired
      />
      <div className={formStyles.row}>
        <TextField
          label={t('session.form.startTime')}
          type="time"
          value={values.startTime}
          onChange={set('startTime')}
          errorMessage={fieldError('startTime')}
          isRequired
        />
        <TextField
          label={t('session.form.endTime')}
          type="time"
          value={values.endTime}
          onChange={set('endTime')}
          errorMessage={fieldError('endTime')}
          isRequired
        />
      </div>
      <SelectField
        label={t('session.form.timeZone')}
        description={t('session.form.timeZoneHint')}
        value={values.timeZone}
        onChange={set('timeZone')}
        options={zoneOptions(values.timeZone).map((zone) => ({ value: zone, label: zone.replace('_', ' ') }))}
        errorMessage={fieldError('timeZone')}
      />
      <TextField
        label={t('session.form.place')}
        description={t('session.form.placeHint')}
        value={values.place}
        onChange={set('place')}
        errorMessage={fieldError('place')}
        isOptional
      />
      <TextField
        label={t('calendar.videoUrl')}
        description={t('calendar.videoUrlHint')}
        type="url"
        value={values.videoUrl}
        onChange={set('videoUrl')}
        errorMessage={issues.videoUrl || serverIssues.videoUrl ? t('calendar.videoUrlInvalid') : undefined}
        isOptional
      />
      <TextField
        label={t('session.form.description')}
        value={values.description}
        onChange={set('description')}
        errorMessage={fieldError('description')}
        multiline
        rows={3}
        isOptional
      />
      <FormStatus message={formMessage ? { tone: 'danger', text: formMessage } : null} />
      <div className={formStyles.actions}>
        <Button type="submit" isPending={isPending}>
          {session ? t('session.form.save') : t('session.plan.submit')}
        </Button>
      </div>
    </form>
  );
}
