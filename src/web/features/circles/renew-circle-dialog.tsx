import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { Circle } from '../../../contract/circle.ts';
import { type CircleRenewCarry, circleRenewCarries } from '../../../domain/circle.ts';
import { Button } from '../../components/button.tsx';
import { Dialog } from '../../components/dialog.tsx';
import formStyles from '../../components/form.module.css';
import { FormProblem } from '../../components/form-problem.tsx';
import { RadioGroupField } from '../../components/radio-group-field.tsx';
import { TextField } from '../../components/text-field.tsx';
import { circleSchemas } from '../../lib/contract-schemas.ts';
import { numberFromText, useContractForm } from '../../lib/use-contract-form.ts';
import { useRenewCircle } from './circle-cycles-api.ts';
import { CycleFields } from './cycle-fields.tsx';

const loadRenewSchema = () => circleSchemas().then((m) => m.circleRenewSchema);

interface Values {
  name: string;
  carry: CircleRenewCarry;
  startsOn: string;
  endsOn: string;
  plannedSessions: string;
}

/** "Renouveler ce cercle": the next cycle, with whom it carries and its new dates; then goes to it. */
export function RenewCircleDialog({ circle, onClose }: { circle: Circle; onClose: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const renew = useRenewCircle(circle);
  const form = useContractForm({
    schema: loadRenewSchema,
    initialValues: (): Values => ({
      name: circle.name,
      carry: 'all',
      startsOn: '',
      endsOn: '',
      plannedSessions: circle.plannedSessions?.toString() ?? '',
    }),
    toInput: (values: Values) => ({
      name: values.name,
      carry: values.carry,
      startsOn: values.startsOn || undefined,
      endsOn: values.endsOn || undefined,
      plannedSessions: numberFromText(values.plannedSessions, null),
    }),
    messages: { plannedSessions: 'validation.integer', endsOn: 'circleCycles.endsBeforeStart' },
    serverError: renew.error,
    onValid: (input) =>
      renew.mutate(input, { onSuccess: (next) => navigate(`/circles/${encodeURIComponent(next.id)}`) }),
  });
  return (
    <Dialog title={t('circleCycles.renew.title')} onClose={onClose}>
      {() => (
        <form className={formStyles.form} {...form.formProps}>
          <p>{t('circleCycles.renew.intro')}</p>
          <TextField label={t('circleCycles.renew.name')} {...form.text('name')} />
          <RadioGroupField
            label={t('circleCycles.renew.carry')}
            value={form.values.carry}
            onChange={(value) => form.setValue('carry', value)}
            options={circleRenewCarries.map((carry) => ({
              value: carry,
              label: t(`circleCycles.renew.carries.${carry}`),
              description: t(`circleCycles.renew.carriesHint.${carry}`),
            }))}
          />
          <CycleFields
            startsOn={form.text('startsOn')}
            endsOn={form.text('endsOn')}
            plannedSessions={form.text('plannedSessions')}
          />
          <FormProblem text={form.formMessage} />
          <div className={formStyles.actions}>
            <Button type="submit" isPending={renew.isPending}>
              {t('circleCycles.renew.submit')}
            </Button>
          </div>
        </form>
      )}
    </Dialog>
  );
}
