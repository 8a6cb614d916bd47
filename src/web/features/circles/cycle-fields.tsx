import { useTranslation } from 'react-i18next';
import fieldStyles from '../../components/field.module.css';
import { TextField } from '../../components/text-field.tsx';
import type { TextBinding } from '../../lib/use-contract-form.ts';
import styles from './cycle-fields.module.css';

/** A cycle's planned first and last day and number of sessions, in the circle and renewal forms. */
export function CycleFields(props: {
  startsOn: TextBinding;
  endsOn: TextBinding;
  plannedSessions: TextBinding;
}) {
  const { t } = useTranslation();
  return (
    <fieldset className={styles.cycle}>
      <legend className={`${fieldStyles.label} ${styles.legend}`}>{t('circleCycles.fields.legend')}</legend>
      <div className={styles.row}>
        <TextField label={t('circleCycles.fields.startsOn')} type="date" {...props.startsOn} isOptional />
        <TextField label={t('circleCycles.fields.endsOn')} type="date" {...props.endsOn} isOptional />
      </div>
      <TextField
        label={t('circleCycles.fields.plannedSessions')}
        description={t('circleCycles.fields.plannedSessionsHint')}
        inputMode="numeric"
        {...props.plannedSessions}
        isOptional
      />
    </fieldset>
  );
}
