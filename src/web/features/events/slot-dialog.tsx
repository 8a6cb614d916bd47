import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { EventDto, SlotCreateInput, SlotDto, SlotPatchInput } from '../../../contract/event.ts';
import { type SlotKind, slotKinds } from '../../../domain/event.ts';
import { Button } from '../../components/button.tsx';
import { Dialog } from '../../components/dialog.tsx';
import formStyles from '../../components/form.module.css';
import { FormProblem } from '../../components/form-problem.tsx';
import { SelectField } from '../../components/select-field.tsx';
import { TextField } from '../../components/text-field.tsx';
import { eventSchemas } from '../../lib/contract-schemas.ts';
import type { FieldIssues, SchemaLoader } from '../../lib/form-validation.ts';
import { numberFromText, useContractForm } from '../../lib/use-contract-form.ts';
import { isoToZoned, zonedToIso } from '../sessions/session-time.ts';
import { useSaveSlot } from './event-api.ts';

interface SlotValues {
  title: string;
  kind: SlotKind;
  date: string;
  start: string;
  end: string;
  siteId: string;
  speakers: string;
  description: string;
  capacity: string;
}

type SlotInput = SlotCreateInput | SlotPatchInput;
const createSchema: SchemaLoader<z.ZodType<SlotInput>> = () => eventSchemas().then((m) => m.slotCreateSchema);
const patchSchema: SchemaLoader<z.ZodType<SlotInput>> = () => eventSchemas().then((m) => m.slotPatchSchema);

function slotInput(values: SlotValues, timeZone: string, isEdit: boolean) {
  const blank = isEdit ? null : undefined;
  return {
    title: values.title,
    kind: values.kind,
    startsAt: zonedToIso(values.date, values.start, timeZone),
    endsAt: zonedToIso(values.date, values.end, timeZone),
    siteId: values.siteId || blank,
    speakers: values.speakers
      .split(/[,\n]/)
      .map((name) => name.trim())
      .filter(Boolean),
    description: values.description,
    capacity: numberFromText(values.capacity, blank),
  };
}

function initialValues(event: EventDto, slot: SlotDto | undefined): SlotValues {
  const start = isoToZoned(slot?.startsAt ?? event.startsAt, event.timeZone);
  const end = slot ? isoToZoned(slot.endsAt, event.timeZone) : { time: '' };
  return {
    title: slot?.title ?? '',
    kind: slot?.kind ?? 'workshop',
    date: start.date,
    start: start.time,
    end: end.time,
    siteId: slot?.siteId ?? '',
    speakers: slot?.speakers.join(', ') ?? '',
    description: slot?.description ?? '',
    capacity: slot?.capacity == null ? '' : String(slot.capacity),
  };
}

const missingTimes = (values: SlotValues): FieldIssues => {
  const found: FieldIssues = {};
  if (!values.date) found.startsAt = { key: 'validation.required' };
  else if (!values.start) found.startsAt = { key: 'validation.required' };
  if (values.date && !values.end) found.endsAt = { key: 'validation.required' };
  return found;
};

/** Adds a slot to the programme (kind, day and times in the event's zone, site, speakers, capacity) or edits one. */
export function SlotDialog({
  event,
  slot,
  onClose,
}: {
  event: EventDto;
  slot?: SlotDto;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const save = useSaveSlot(event.id);
  const isEdit = slot !== undefined;
  const form = useContractForm({
    schema: isEdit ? patchSchema : createSchema,
    initialValues: () => initialValues(event, slot),
    toInput: (values: SlotValues) => slotInput(values, event.timeZone, isEdit),
    check: missingTimes,
    messages: { endsAt: 'validation.endAfterStart', capacity: 'validation.wholeNumber' },
    serverError: save.error,
    onValid: (input) => save.mutate({ ...(slot && { slotId: slot.id }), input }, { onSuccess: onClose }),
  });
  return (
    <Dialog title={isEdit ? t('events.slot.editTitle') : t('events.slot.addTitle')} onClose={onClose}>
      {() => (
        <form className={formStyles.form} {...form.formProps}>
          <TextField label={t('events.slot.title')} {...form.text('title')} />
          <SelectField
            label={t('events.slot.kind')}
            value={form.values.kind}
            onChange={(kind) => form.setValue('kind', kind)}
            options={slotKinds.map((kind) => ({ value: kind, label: t(`events.kind.${kind}`) }))}
          />
          <TextField
            label={t('events.slot.date')}
            description={t('events.slot.zoneHint', { zone: event.timeZone })}
            type="date"
            {...form.text('date')}
            errorMessage={form.error('startsAt')}
            isRequired
          />
          <div className={formStyles.row}>
            <TextField label={t('events.slot.start')} type="time" {...form.text('start')} isRequired />
            <TextField
              label={t('events.slot.end')}
              type="time"
              {...form.text('end')}
              errorMessage={form.error('endsAt')}
              isRequired
            />
          </div>
          <SelectField
            label={t('events.slot.site')}
            value={form.values.siteId}
            onChange={(siteId) => form.setValue('siteId', siteId)}
            options={[
              { value: '', label: t('events.slot.allSites') },
              ...event.sites.map((site) => ({ value: site.id, label: site.name })),
            ]}
            errorMessage={form.error('siteId')}
          />
          <TextField
            label={t('events.slot.speakers')}
            description={t('events.slot.speakersHint')}
            isOptional
            {...form.text('speakers')}
            errorMessage={form.error('speakers')}
          />
          <TextField
            label={t('events.slot.description')}
            multiline
            rows={3}
            isOptional
            {...form.text('description')}
          />
          <TextField
            label={t('events.slot.capacity')}
            description={t('events.slot.capacityHint')}
            type="number"
            min={1}
            isOptional
            {...form.text('capacity')}
          />
          <FormProblem text={form.formMessage} />
          <div className={formStyles.actions}>
            <Button type="submit" isPending={save.isPending}>
              {isEdit ? t('events.form.save') : t('events.slot.add')}
            </Button>
          </div>
        </form>
      )}
    </Dialog>
  );
}
