import type { ReactNode } from 'react';
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
import { FormProblem } from '../../components/form-problem.tsx';
import { RadioGroupField } from '../../components/radio-group-field.tsx';
import { SelectField } from '../../components/select-field.tsx';
import { TextField } from '../../components/text-field.tsx';
import { circleSchemas } from '../../lib/contract-schemas.ts';
import { numberFromText, useContractForm } from '../../lib/use-contract-form.ts';
import { TerritoryPicker } from '../territories/territory-picker.tsx';
import { CycleFields } from './cycle-fields.tsx';

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
  territoryCodes: string[];
  startsOn: string;
  endsOn: string;
  plannedSessions: string;
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
    territoryCodes: circle?.territoryCodes ?? [],
    startsOn: circle?.startsOn ?? '',
    endsOn: circle?.endsOn ?? '',
    plannedSessions: circle?.plannedSessions?.toString() ?? '',
  };
}

function commonInput(values: Values) {
  return {
    name: values.name,
    kind: values.kind,
    intention: values.intention,
    description: values.description,
    // An empty capacity means "no limit".
    capacity: numberFromText(values.capacity, null),
    visibility: values.visibility,
    joinPolicy: values.joinPolicy,
  };
}

const toCreateInput = (values: Values) => ({
  ...commonInput(values),
  method: values.method === 'none' ? undefined : values.method,
  startsOn: values.startsOn || undefined,
  endsOn: values.endsOn || undefined,
  plannedSessions: numberFromText(values.plannedSessions, undefined),
});
const toPatch = (values: Values) => ({
  ...commonInput(values),
  // A cleared date or number means "not planned".
  startsOn: values.startsOn || null,
  endsOn: values.endsOn || null,
  plannedSessions: numberFromText(values.plannedSessions, null),
  method: values.method === 'none' ? null : values.method,
  status: values.status,
  territoryCodes: values.territoryCodes,
});

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
  const common = {
    initialValues: () => initialValues(props.mode === 'edit' ? props.circle : undefined),
    messages: {
      capacity: 'validation.wholeNumber',
      plannedSessions: 'validation.integer',
      endsOn: 'circleCycles.endsBeforeStart',
    },
    serverError: props.error,
  } as const;
  // One schema per mode: a hook per branch would break the rules of hooks, so both are declared
  // and only the mode's own is used (the other is never submitted, and loads nothing).
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
  const set =
    <K extends keyof Values>(key: K) =>
    (value: Values[K]) =>
      setValue(key, value);

  return (
    <form className={formStyles.form} {...form.formProps}>
      <TextField label={t('circleForm.name')} {...form.text('name')} />
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
        {...form.text('intention')}
        multiline
        rows={3}
        isOptional
      />
      <TextField label={t('circleForm.description')} {...form.text('description')} multiline isOptional />
      <TextField
        label={t('circleForm.capacity')}
        description={t('circleForm.capacityHint')}
        {...form.text('capacity')}
        inputMode="numeric"
        isOptional
      />
      <CycleFields
        startsOn={form.text('startsOn')}
        endsOn={form.text('endsOn')}
        plannedSessions={form.text('plannedSessions')}
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
      {props.mode === 'edit' ? (
        <TerritoryPicker
          value={values.territoryCodes}
          onChange={set('territoryCodes')}
          errorMessage={form.error('territoryCodes')}
        />
      ) : null}
      {props.mode === 'edit' ? props.extraFields : null}
      <FormProblem text={form.formMessage} />
      <div className={formStyles.actions}>
        <Button type="submit" isPending={props.isPending}>
          {props.mode === 'create' ? t('circleForm.create') : t('circleForm.save')}
        </Button>
      </div>
    </form>
  );
}
