import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { Community, CommunityCreateInput, communityPatchSchema } from '../../../contract/community.ts';
import { type JoinPolicy, joinPolicies } from '../../../domain/community.ts';
import { Button } from '../../components/button.tsx';
import formStyles from '../../components/form.module.css';
import { FormProblem } from '../../components/form-problem.tsx';
import { RadioGroupField } from '../../components/radio-group-field.tsx';
import { TextField } from '../../components/text-field.tsx';
import { ApiError } from '../../lib/api-client.ts';
import { communitySchemas } from '../../lib/contract-schemas.ts';
import { useContractForm } from '../../lib/use-contract-form.ts';
import { TerritoryPicker } from '../territories/territory-picker.tsx';
import { ParentField } from './parent-field.tsx';
import { nameAndSlugReducer } from './slug-suggestion.ts';

const loadCreateSchema = () => communitySchemas().then((m) => m.communityCreateSchema);
const loadPatchSchema = () => communitySchemas().then((m) => m.communityPatchSchema);

export type CommunityFormProps =
  | {
      mode: 'create';
      onSubmit: (input: CommunityCreateInput) => void;
      isPending: boolean;
      error: unknown;
      /** The community the new one starts as a branch of (`?parent=` from its page). */
      parentSlug?: string | undefined;
    }
  | {
      mode: 'edit';
      community: Community;
      onSubmit: (patch: z.output<typeof communityPatchSchema>) => void;
      isPending: boolean;
      error: unknown;
    };

interface Values {
  name: string;
  slug: string;
  isSlugEdited: boolean;
  description: string;
  charter: string;
  joinPolicy: JoinPolicy;
  timeZone: string;
  territoryCodes: string[];
  /** '' for a community of its own. */
  parentSlug: string;
}

const toCommon = ({ name, description, charter, joinPolicy }: Values) => ({
  name,
  description,
  charter,
  joinPolicy,
});
const toPatch = (values: Values) => ({
  ...toCommon(values),
  timeZone: values.timeZone.trim(),
  territoryCodes: values.territoryCodes,
});
const toCreateInput = (values: Values) => ({
  ...toCommon(values),
  slug: values.slug,
  ...(values.parentSlug !== '' && { parentSlug: values.parentSlug }),
});

/** Name, address (slug, creation only), description, charter, how people join, time zone (edit only). */
export function CommunityForm(props: CommunityFormProps) {
  const { t } = useTranslation();
  const initial = props.mode === 'edit' ? props.community : undefined;
  const common = {
    initialValues: (): Values => ({
      name: initial?.name ?? '',
      slug: initial?.slug ?? '',
      isSlugEdited: false,
      description: initial?.description ?? '',
      charter: initial?.charter ?? '',
      joinPolicy: initial?.joinPolicy ?? 'open',
      timeZone: initial?.timeZone ?? 'Europe/Paris',
      territoryCodes: initial?.territoryCodes ?? [],
      parentSlug: props.mode === 'create' ? (props.parentSlug ?? '') : '',
    }),
    messages: { slug: 'validation.slug' },
    serverError: props.error,
  } as const;
  // One schema per mode, both declared (hooks cannot depend on a branch); only the mode's own runs.
  const create = useContractForm({
    ...common,
    schema: loadCreateSchema,
    toInput: toCreateInput,
    onValid: (input) => (props.mode === 'create' ? props.onSubmit(input) : undefined),
  });
  const edit = useContractForm({
    ...common,
    schema: loadPatchSchema,
    toInput: toPatch,
    onValid: (patch) => (props.mode === 'edit' ? props.onSubmit(patch) : undefined),
  });
  const form = props.mode === 'create' ? create : edit;
  const { values, setValue } = form;
  const nameAndSlug = (action: Parameters<typeof nameAndSlugReducer>[1]) => {
    const next = nameAndSlugReducer(values, action);
    setValue('isSlugEdited', next.isSlugEdited);
    setValue('name', next.name);
    setValue('slug', next.slug);
  };

  // A taken slug is a 409 without field details: show it under the slug field all the same.
  const isSlugTaken =
    props.error instanceof ApiError && props.error.code === 'CONFLICT' && props.mode === 'create';
  const slugError = form.error('slug') ?? (isSlugTaken ? t('communityForm.slugTaken') : undefined);

  return (
    <form className={formStyles.form} {...form.formProps}>
      <TextField
        label={t('communityForm.name')}
        {...form.text('name')}
        onChange={(value) => nameAndSlug({ type: 'name', value })}
      />
      {props.mode === 'create' ? (
        <TextField
          label={t('communityForm.slug')}
          description={t('communityForm.slugHint', {
            url: `${window.location.origin}/c/${values.slug || '…'}`,
          })}
          {...form.text('slug')}
          onChange={(value) => nameAndSlug({ type: 'slug', value })}
          errorMessage={slugError}
          autoComplete="off"
          spellCheck="false"
        />
      ) : null}
      {props.mode === 'create' ? (
        <ParentField value={values.parentSlug} onChange={(slug) => setValue('parentSlug', slug)} />
      ) : null}
      <TextField
        label={t('communityForm.description')}
        description={t('communityForm.descriptionHint')}
        {...form.text('description')}
        multiline
        rows={3}
        isOptional
      />
      <TextField
        label={t('communityForm.charter')}
        description={t('communityForm.charterHint')}
        {...form.text('charter')}
        multiline
        rows={6}
        isOptional
      />
      <RadioGroupField
        label={t('communityForm.joinPolicy')}
        value={values.joinPolicy}
        onChange={(policy) => setValue('joinPolicy', policy)}
        options={joinPolicies.map((policy) => ({
          value: policy,
          label: t(`community.joinPolicy.${policy}`),
          description: t(`community.joinPolicyHint.${policy}`),
        }))}
      />
      {props.mode === 'edit' ? (
        <TextField
          label={t('communityForm.timeZone')}
          description={t('communityForm.timeZoneHint')}
          {...form.text('timeZone')}
          autoComplete="off"
          spellCheck="false"
        />
      ) : null}
      {props.mode === 'edit' ? (
        <TerritoryPicker
          value={form.values.territoryCodes}
          onChange={(codes) => form.setValue('territoryCodes', codes)}
          errorMessage={form.error('territoryCodes')}
        />
      ) : null}
      <FormProblem text={isSlugTaken ? undefined : form.formMessage} />
      <div className={formStyles.actions}>
        <Button type="submit" isPending={props.isPending}>
          {props.mode === 'create' ? t('communityForm.create') : t('communityForm.save')}
        </Button>
      </div>
    </form>
  );
}
