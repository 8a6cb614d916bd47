import { useTranslation } from 'react-i18next';
import type { EventCreateInput, EventDto, EventPatchInput } from '../../../contract/event.ts';
import type { EventVisibility } from '../../../domain/event.ts';
import { Button } from '../../components/button.tsx';
import formStyles from '../../components/form.module.css';
import { FormProblem } from '../../components/form-problem.tsx';
import { RadioGroupField } from '../../components/radio-group-field.tsx';
import { SelectField } from '../../components/select-field.tsx';
import { TextField } from '../../components/text-field.tsx';
import { eventSchemas } from '../../lib/contract-schemas.ts';
import type { FieldIssues } from '../../lib/form-validation.ts';
import { type ContractForm, numberFromText, useContractForm } from '../../lib/use-contract-form.ts';
import { commonTimeZones, isoToZoned, viewerTimeZone, zonedToIso } from '../sessions/session-time.ts';
import { TerritoryPicker } from '../territories/territory-picker.tsx';
import { useCommunityEvents } from './event-api.ts';

export interface EventFormValues {
  title: string;
  description: string;
  startDate: string;
  startTime: string;
  endDate: string;
  endTime: string;
  timeZone: string;
  visibility: EventVisibility;
  parentId: string;
  capacity: string;
  territoryCodes: string[];
}

/** The form's values for a new event, or for the one being edited (its times in its own zone). */
export function eventFormValues(event?: EventDto): EventFormValues {
  if (!event) {
    return {
      title: '',
      description: '',
      startDate: '',
      startTime: '09:00',
      endDate: '',
      endTime: '17:30',
      timeZone: 'Europe/Paris',
      visibility: 'public',
      parentId: '',
      capacity: '',
      territoryCodes: [],
    };
  }
  const start = isoToZoned(event.startsAt, event.timeZone);
  const end = isoToZoned(event.endsAt, event.timeZone);
  return {
    title: event.title,
    description: event.description,
    startDate: start.date,
    startTime: start.time,
    endDate: end.date,
    endTime: end.time,
    timeZone: event.timeZone,
    visibility: event.visibility,
    parentId: event.parent?.id ?? '',
    capacity: event.capacity === null ? '' : String(event.capacity),
    territoryCodes: event.territoryCodes,
  };
}

const instants = (values: EventFormValues) => ({
  startsAt: zonedToIso(values.startDate, values.startTime, values.timeZone),
  endsAt: zonedToIso(values.endDate || values.startDate, values.endTime, values.timeZone),
});

/** What the contract takes: a new event leaves blanks out, an edit sends them as null (cleared). */
function eventInput(values: EventFormValues, isEdit: boolean) {
  const blank = isEdit ? null : undefined;
  return {
    title: values.title,
    description: values.description,
    ...instants(values),
    timeZone: values.timeZone,
    visibility: values.visibility,
    parentId: values.parentId || blank,
    capacity: numberFromText(values.capacity, blank),
    // Territories are set on an edit (PATCH), once the event exists.
    ...(isEdit && { territoryCodes: values.territoryCodes }),
  };
}

/** A date left empty has no instant: say which part is missing rather than "not valid". */
function missingParts(values: EventFormValues): FieldIssues {
  const found: FieldIssues = {};
  const { startsAt, endsAt } = instants(values);
  if (!values.startDate) found.startsAt = { key: 'validation.required' };
  else if (!startsAt) found.startsAt = { key: 'validation.invalid' };
  if (values.startDate && !endsAt) found.endsAt = { key: 'validation.invalid' };
  return found;
}

const createSchema = () => eventSchemas().then((m) => m.eventCreateSchema);
const patchSchema = () => eventSchemas().then((m) => m.eventPatchSchema);
const formOptions = {
  check: missingParts,
  messages: { endsAt: 'validation.endAfterStart', capacity: 'validation.wholeNumber' },
} as const;

interface FormProps<I> {
  slug: string;
  submitLabel: string;
  isPending: boolean;
  serverError: unknown;
  onValid: (input: I) => void;
}

/** A new event: blanks left out. */
export function CreateEventForm({ onValid, serverError, ...props }: FormProps<EventCreateInput>) {
  const form = useContractForm({
    schema: createSchema,
    initialValues: () => eventFormValues(),
    toInput: (values: EventFormValues) => eventInput(values, false),
    serverError,
    onValid,
    ...formOptions,
  });
  return <EventFields form={form} {...props} />;
}

/** An edit of the event: blanks clear what was set (null). */
export function EditEventForm({
  event,
  onValid,
  serverError,
  ...props
}: FormProps<EventPatchInput> & { event: EventDto }) {
  const form = useContractForm({
    schema: patchSchema,
    initialValues: () => eventFormValues(event),
    toInput: (values: EventFormValues) => eventInput(values, true),
    serverError,
    onValid,
    ...formOptions,
  });
  return <EventFields form={form} eventId={event.id} {...props} />;
}

/** Title, description (Markdown), dates in a time zone, visibility, parent event and capacity. */
function EventFields({
  form,
  slug,
  eventId,
  submitLabel,
  isPending,
}: {
  form: ContractForm<EventFormValues>;
  slug: string;
  eventId?: string;
  submitLabel: string;
  isPending: boolean;
}) {
  const { t } = useTranslation();
  const parents = useCommunityEvents(slug);
  const zones = [...new Set([...commonTimeZones, viewerTimeZone(), form.values.timeZone])];
  const parentOptions = (parents.data ?? []).filter((other) => other.id !== eventId && !other.parentId);
  return (
    <form className={formStyles.form} {...form.formProps}>
      <TextField label={t('events.form.title')} {...form.text('title')} />
      <TextField
        label={t('events.form.description')}
        description={t('events.form.descriptionHint')}
        multiline
        rows={6}
        isOptional
        {...form.text('description')}
      />
      <div className={formStyles.row}>
        <TextField
          label={t('events.form.startDate')}
          type="date"
          {...form.text('startDate')}
          errorMessage={form.error('startsAt')}
          isRequired
        />
        <TextField label={t('events.form.startTime')} type="time" {...form.text('startTime')} isRequired />
      </div>
      <div className={formStyles.row}>
        <TextField
          label={t('events.form.endDate')}
          description={t('events.form.endDateHint')}
          type="date"
          {...form.text('endDate')}
          isOptional
        />
        <TextField
          label={t('events.form.endTime')}
          type="time"
          {...form.text('endTime')}
          errorMessage={form.error('endsAt')}
          isRequired
        />
      </div>
      <SelectField
        label={t('events.form.timeZone')}
        description={t('events.form.timeZoneHint')}
        value={form.values.timeZone}
        onChange={(zone) => form.setValue('timeZone', zone)}
        options={zones.map((zone) => ({ value: zone, label: zone.replace('_', ' ') }))}
      />
      <RadioGroupField
        label={t('events.form.visibility')}
        value={form.values.visibility}
        onChange={(visibility) => form.setValue('visibility', visibility)}
        options={(['public', 'community'] as const).map((value) => ({
          value,
          label: t(`events.visibility.${value}`),
          description: t(`events.form.visibilityHint.${value}`),
        }))}
        errorMessage={form.error('visibility')}
      />
      <SelectField
        label={t('events.form.parent')}
        description={t('events.form.parentHint')}
        value={form.values.parentId}
        onChange={(parentId) => form.setValue('parentId', parentId)}
        options={[
          { value: '', label: t('events.form.noParent') },
          ...parentOptions.map((other) => ({ value: other.id, label: other.title })),
        ]}
        errorMessage={form.error('parentId')}
      />
      <TextField
        label={t('events.form.capacity')}
        description={t('events.form.capacityHint')}
        type="number"
        min={1}
        isOptional
        {...form.text('capacity')}
      />
      {eventId ? (
        <TerritoryPicker
          value={form.values.territoryCodes}
          onChange={(codes) => form.setValue('territoryCodes', codes)}
          errorMessage={form.error('territoryCodes')}
        />
      ) : null}
      <FormProblem text={form.formMessage} />
      <div className={formStyles.actions}>
        <Button type="submit" isPending={isPending}>
          {submitLabel}
        </Button>
      </div>
    </form>
  );
}
