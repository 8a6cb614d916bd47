import { type FormEvent, type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Circle, CircleCreateInput, CirclePatch } from '../../../contract/circle.ts';
import {
  type CircleJoinPolicy,
  type CircleKind,
  type CircleMethod,
  type CircleStatus,
  type CircleVisibility,
  circleJoinPolicies,
  circleKinds,
  circleMethods,
  circleStatuses,
  circleVisibilities,
} from '../../../domain/circle.ts';
import { Button } from '../../components/button.tsx';
import formStyles from '../../components/form.module.css';
import { FormStatus } from '../../components/form-status.tsx';
import { RadioGroupField } from '../../components/radio-group-field.tsx';
import { SelectField } from '../../components/select-field.tsx';
import { TextField } from '../../components/text-field.tsx';
import { circleSchemas } from '../../lib/contract-schemas.ts';
import { useErrorMessage } from '../../lib/error-message.ts';
import {
  type FieldIssues,
  issuesFromApiError,
  preloadSchema,
  useFocusFirstInvalid,
  useIssueMessage,
  validate,
} from '../../lib/form-validation.ts';

const loadCreateSchema = () => circleSchemas().then((m) => m.circleCreateSchema);
const loadPatchSchema = () => circleSchemas().then((m) => m.circlePatchSchema);

type MethodChoice = CircleMethod | 'none';

interface Values {
  name: string;
  kind: CircleKind;
  method: MethodChoice;
  intention: string;
  description: string;
  capacity: string;
  visibility: CircleVisibility;
  joinPolicy: CircleJoinPolicy;
  status: CircleStatus;
}

function initialValues(circle?: Circle): Values {
  return {
    name: circle?.name ?? '',
    kind: circle?.kind ?? 'learning_circle',
    method: circle?.method ?? 'none',
    intention: circle?.intention ?? '',
    description: circle?.description ?? '',
    capacity: circle?.capacity?.toString() ?? '',
    visibility: circle?.visibility ?? 'community',
    joinPolicy: circle?.joinPolicy ?? 'open',
    status: circle?.status ?? 'forming',
  };
}

/** An empty capacity means "no limit"; anything else must be a whole number. */
function parseCapacity(text: string): number | null | 'invalid' {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  return /^\d+$/.test(trimmed) ? Number(trimmed) : 'invalid';
}

export type CircleFormProps =
  | { mode: 'create'; onSubmit: (input: CircleCreateInput) => void; isPending: boolean; error: unknown }
  | {
      mode: 'edit';
      circle: Circle;
      onSubmit: (patch: CirclePatch) => void;
      isPending: boolean;
      error: unknown;
      /** Fields saved elsewhere but edited with the circle (the session reminder). */
      extraFields?: ReactNode;
    };

/** The fields of a circle, for creating one or (facilitators) editing it. */
export function CircleForm(props: CircleFormProps) {
  const { t } = useTranslation();
  const issueMessage = useIssueMessage();
  const errorMessage = useErrorMessage();
  const [values, setValues] = useState(() => initialValues(props.mode === 'edit' ? props.circle : undefined));
  const [issues, setIssues] = useState<FieldIssues>({});
  const formRef = useFocusFirstInvalid(issues);
  const set =
    <K extends keyof Values>(key: K) =>
    (value: Values[K]) =>
      setValues((v) => ({ ...v, [key]: value }));
  const serverIssues = issuesFromApiError(props.error);
  const fieldError = (field: string) => issueMessage(issues[field] ?? serverIssues[field]);

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    const capacity = parseCapacity(values.capacity);
    if (capacity === 'invalid') {
      setIssues({ capacity: { key: 'validation.wholeNumber' } });
      return;
    }
    const common = {
      name: values.name,
      kind: values.kind,
      intention: values.intention,
      description: values.description,
      capacity,
      visibility: values.visibility,
      joinPolicy: values.joinPolicy,
    };
    if (props.mode === 'create') {
      const input = { ...common, method: values.method === 'none' ? undefined : values.method };
      const result = await validate(loadCreateSchema, input);
      setIssues(result.ok ? {} : result.issues);
      if (result.ok) props.onSubmit(result.data);
    } else {
      const patch = {
        ...common,
        method: values.method === 'none' ? null : values.method,
        status: values.status,
      };
      const result = await validate(loadPatchSchema, patch);
      setIssues(result.ok ? {} : result.issues);
      if (result.ok) props.onSubmit(result.data);
    }
  }

  const hasServerError = Boolean(props.error) && Object.keys(serverIssues).length === 0;
  const formMessage = hasServerError ? errorMessage(props.error) : issueMessage(issues.form);
  return (
    <form
      ref={formRef}
      className={formStyles.form}
      onSubmit={onSubmit}
      onFocus={preloadSchema(props.mode === 'create' ? loadCreateSchema : loadPatchSchema)}
      noValidate
    >
      <TextField
        label={t('circleForm.name')}
        value={values.name}
        onChange={set('name')}
        errorMessage={fieldError('name')}
        isRequired
      />
      <RadioGroupField
        label={t('circleForm.kind')}
        value={values.kind}
        onChange={set('kind')}
        options={circleKinds.map((kind) => ({
          value: kind,
          label: t(`circle.kind.${kind}`),
          description: t(`circle.kindHint.${kind}`),
        }))}
      />
      <SelectField<MethodChoice>
        label={t('circleForm.method')}
        value={values.method}
        onChange={set('method')}
        options={[
          { value: 'none', label: t('circleForm.noMethod') },
          ...circleMethods.map((method) => ({ value: method, label: t(`circle.method.${method}`) })),
        ]}
      />
      <TextField
        label={t('circleForm.intention')}
        description={t('circleForm.intentionHint')}
        value={values.intention}
        onChange={set('intention')}
        errorMessage={fieldError('intention')}
        multiline
        rows={3}
        isOptional
      />
      <TextField
        label={t('circleForm.description')}
        value={values.description}
        onChange={set('description')}
        errorMessage={fieldError('description')}
        multiline
        isOptional
      />
      <TextField
        label={t('circleForm.capacity')}
        description={t('circleForm.capacityHint')}
        value={values.capacity}
        onChange={set('capacity')}
        errorMessage={fieldError('capacity')}
        inputMode="numeric"
        isOptional
      />
      <RadioGroupField
        label={t('circleForm.visibility')}
        value={values.visibility}
        onChange={set('visibility')}
        options={circleVisibilities.map((visibility) => ({
          value: visibility,
          label: t(`circle.visibility.${visibility}`),
          description: t(`circle.visibilityHint.${visibility}`),
        }))}
      />
      <RadioGroupField
        label={t('circleForm.joinPolicy')}
        value={values.joinPolicy}
        onChange={set('joinPolicy')}
        options={circleJoinPolicies.map((policy) => ({
          value: policy,
          label: t(`circle.joinPolicy.${policy}`),
          description: t(`circle.joinPolicyHint.${policy}`),
        }))}
      />
      {props.mode === 'edit' ? (
        <RadioGroupField
          label={t('circleForm.status')}
          value={values.status}
          onChange={set('status')}
          isHorizontal
          options={circleStatuses.map((status) => ({ value: status, label: t(`circle.status.${status}`) }))}
        />
      ) : null}
      {props.mode === 'edit' ? props.extraFields : null}
      <FormStatus message={formMessage ? { tone: 'danger', text: formMessage } : null} />
      <div className={formStyles.actions}>
        <Button type="submit" isPending={props.isPending}>
          {props.mode === 'create' ? t('circleForm.create') : t('circleForm.save')}
        </Button>
      </div>
    </form>
  );
}
