import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { SiteCreateInput, SiteDto, SitePatchInput } from '../../../contract/event.ts';
import { Button } from '../../components/button.tsx';
import { Dialog } from '../../components/dialog.tsx';
import formStyles from '../../components/form.module.css';
import { FormProblem } from '../../components/form-problem.tsx';
import { TextField } from '../../components/text-field.tsx';
import { eventSchemas } from '../../lib/contract-schemas.ts';
import type { SchemaLoader } from '../../lib/form-validation.ts';
import { numberFromText, useContractForm } from '../../lib/use-contract-form.ts';
import { useSaveSite } from './event-api.ts';

interface SiteValues {
  name: string;
  address: string;
  onlineUrl: string;
  capacity: string;
}

type SiteInput = SiteCreateInput | SitePatchInput;
const createSchema: SchemaLoader<z.ZodType<SiteInput>> = () => eventSchemas().then((m) => m.siteCreateSchema);
const patchSchema: SchemaLoader<z.ZodType<SiteInput>> = () => eventSchemas().then((m) => m.sitePatchSchema);

/** A new site has its blanks left out; an edited one clears them (null). */
function siteInput(values: SiteValues, isEdit: boolean) {
  const blank = isEdit ? null : undefined;
  return {
    name: values.name,
    ...(isEdit || values.address.trim() ? { address: values.address } : {}),
    onlineUrl: values.onlineUrl.trim() || blank,
    capacity: numberFromText(values.capacity, blank),
  };
}

/** Adds a site (a place with its address, or online with a visio link) or edits one. */
export function SiteDialog({
  eventId,
  site,
  onClose,
}: {
  eventId: string;
  site?: SiteDto;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const save = useSaveSite(eventId);
  const isEdit = site !== undefined;
  const form = useContractForm({
    schema: isEdit ? patchSchema : createSchema,
    initialValues: (): SiteValues => ({
      name: site?.name ?? '',
      address: site?.address ?? '',
      onlineUrl: site?.onlineUrl ?? '',
      capacity: site?.capacity == null ? '' : String(site.capacity),
    }),
    toInput: (values: SiteValues) => siteInput(values, isEdit),
    messages: { onlineUrl: 'events.site.urlInvalid', capacity: 'validation.wholeNumber' },
    serverError: save.error,
    onValid: (input) => save.mutate({ ...(site && { siteId: site.id }), input }, { onSuccess: onClose }),
  });
  return (
    <Dialog title={isEdit ? t('events.site.editTitle') : t('events.site.addTitle')} onClose={onClose}>
      {() => (
        <form className={formStyles.form} {...form.formProps}>
          <TextField
            label={t('events.site.name')}
            description={t('events.site.nameHint')}
            {...form.text('name')}
          />
          <TextField
            label={t('events.site.address')}
            multiline
            rows={2}
            isOptional
            {...form.text('address')}
          />
          <TextField
            label={t('events.site.onlineUrl')}
            description={t('events.site.onlineUrlHint')}
            type="url"
            isOptional
            {...form.text('onlineUrl')}
          />
          <TextField
            label={t('events.site.capacityLabel')}
            description={t('events.form.capacityHint')}
            type="number"
            min={1}
            isOptional
            {...form.text('capacity')}
          />
          <FormProblem text={form.formMessage} />
          <div className={formStyles.actions}>
            <Button type="submit" isPending={save.isPending}>
              {isEdit ? t('events.form.save') : t('events.site.add')}
            </Button>
          </div>
        </form>
      )}
    </Dialog>
  );
}
