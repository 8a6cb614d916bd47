import { type FormEvent, useReducer, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { Community, CommunityCreateInput, communityPatchSchema } from '../../../contract/community.ts';
import { type JoinPolicy, joinPolicies } from '../../../domain/community.ts';
import { Button } from '../../components/button.tsx';
import formStyles from '../../components/form.module.css';
import { FormStatus } from '../../components/form-status.tsx';
import { RadioGroupField } from '../../components/radio-group-field.tsx';
import { TextField } from '../../components/text-field.tsx';
import { ApiError } from '../../lib/api-client.ts';
import { communitySchemas } from '../../lib/contract-schemas.ts';
import { useErrorMessage } from '../../lib/error-message.ts';
import {
  type FieldIssues,
  issuesFromApiError,
  preloadSchema,
  useFocusFirstInvalid,
  useIssueMessage,
  validate,
} from '../../lib/form-validation.ts';
import { nameAndSlugReducer } from './slug-suggestion.ts';

const loadCreateSchema = () => communitySchemas().then((m) => m.communityCreateSchema);
const loadPatchSchema = () => communitySchemas().then((m) => m.communityPatchSchema);

export type CommunityFormProps =
  | { mode: 'create'; onSubmit: (input: CommunityCreateInput) => void; isPending: boolean; error: unknown }
  | {
      mode: 'edit';
      community: Community;
      onSubmit: (patch: z.output<typeof communityPatchSchema>) => void;
      isPending: boolean;
      error: unknown;
    };

/** Name, address (slug, creation only), description, charter, how people join, time zone (edit only). */
export function CommunityForm(props: CommunityFormProps) {
  const { t } = useTranslation();
  const issueMessage = useIssueMessage();
  const errorMessage = useErrorMessage();
  const initial = props.mode === 'edit' ? props.community : undefined;
  const [nameAndSlug, dispatch] = useReducer(nameAndSlugReducer, {
    name: initial?.name ?? '',
    slug: initial?.slug ?? '',
    isSlugEdited: false,
  });
  const [description, setDescription] = useState(initial?.description ?? '');
  const [charter, setCharter] = useState(initial?.charter ?? '');
  const [joinPolicy, setJoinPolicy] = useState<JoinPolicy>(initial?.joinPolicy ?? 'open');
  const [timeZone, setTimeZone] = useState(initial?.timeZone ?? 'Europe/Paris');
  const [issues, setIssues] = useState<FieldIssues>({});
  const formRef = useFocusFirstInvalid(issues);

  // A taken slug is a 409 without field details: show it under the slug field all the same.
  const isSlugTaken =
    props.error instanceof ApiError && props.error.code === 'CONFLICT' && props.mode === 'create';
  const serverIssues = issuesFromApiError(props.error);
  const fieldError = (field: string) => issueMessage(issues[field] ?? serverIssues[field]);
  const hasFormError = Boolean(props.error) && !isSlugTaken && Object.keys(serverIssues).length === 0;
  const formMessage = hasFormError ? errorMessage(props.error) : issueMessage(issues.form);

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    const common = { name: nameAndSlug.name, description, charter, joinPolicy };
    if (props.mode === 'create') {
      const values = { ...common, slug: nameAndSlug.slug };
      const result = await validate(loadCreateSchema, values, { slug: 'validation.slug' });
      setIssues(result.ok ? {} : result.issues);
      if (result.ok) props.onSubmit(result.data);
    } else {
      const result = await validate(loadPatchSchema, { ...common, timeZone: timeZone.trim() });
      setIssues(result.ok ? {} : result.issues);
      if (result.ok) props.onSubmit(result.data);
    }
  }

  return (
    <form
      ref={formRef}
      className={formStyles.form}
      onSubmit={onSubmit}
      onFocus={preloadSchema(props.mode === 'create' ? loadCreateSchema : loadPatchSchema)}
      noValidate
    >
      <TextField
        label={t('communityForm.name')}
        value={nameAndSlug.name}
        onChange={(value) => dispatch({ type: 'name', value })}
        errorMessage={fieldError('name')}
        isRequired
      />
      {props.mode === 'create' ? (
        <TextField
          label={t('communityForm.slug')}
          description={t('communityForm.slugHint', {
            url: `${window.location.origin}/c/${nameAndSlug.slug || '…'}`,
          })}
          value={nameAndSlug.slug}
          onChange={(value) => dispatch({ type: 'slug', value })}
          errorMessage={isSlugTaken && !issues.slug ? t('communityForm.slugTaken') : fieldError('slug')}
          isRequired
          autoComplete="off"
          spellCheck="false"
        />
      ) : null}
      <TextField
        label={t('communityForm.description')}
        description={t('communityForm.descriptionHint')}
        value={description}
        onChange={setDescription}
        errorMessage={fieldError('description')}
        multiline
        rows={3}
        isOptional
      />
      <TextField
        label={t('communityForm.charter')}
        description={t('communityForm.charterHint')}
        value={charter}
        onChange={setCharter}
        errorMessage={fieldError('charter')}
        multiline
        rows={6}
        isOptional
      />
      <RadioGroupField
        label={t('communityForm.joinPolicy')}
        value={joinPolicy}
        onChange={setJoinPolicy}
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
          value={timeZone}
          onChange={setTimeZone}
          errorMessage={fieldError('timeZone')}
          isRequired
          autoComplete="off"
          spellCheck="false"
        />
      ) : null}
      <FormStatus message={formMessage ? { tone: 'danger', text: formMessage } : null} />
      <div className={formStyles.actions}>
        <Button type="submit" isPending={props.isPending}>
          {props.mode === 'create' ? t('communityForm.create') : t('communityForm.save')}
        </Button>
      </div>
    </form>
  );
}
