import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import {
  MAX_SERIES_OCCURRENCES,
  occurrences,
  type RecurrenceRule,
  weekOfMonth,
} from '../../../domain/recurrence.ts';
import fieldStyles from '../../components/field.module.css';
import formStyles from '../../components/form.module.css';
import choiceStyles from '../../components/radio-group-field.module.css';
import { SelectField } from '../../components/select-field.tsx';
import { TextField } from '../../components/text-field.tsx';
import styles from './session-repeat.module.css';
import { formatDay, zonedToIso } from './session-time.ts';

export type RepeatFrequency = 'none' | 'weekly' | 'monthly';

export interface RepeatValues {
  frequency: RepeatFrequency;
  interval: string;
  count: string;
  /** Dates of the rule the facilitator unticked in the preview. */
  skipped: ReadonlySet<string>;
}

export const noRepeat: RepeatValues = { frequency: 'none', interval: '1', count: '6', skipped: new Set() };

const bounded = (text: string, max: number) => Math.min(max, Math.max(1, Math.floor(Number(text) || 1)));

/** The series' rule from the form, once the first date is known; none when it does not repeat. */
export function repeatRule(values: RepeatValues, firstDate: string): RecurrenceRule | undefined {
  if (values.frequency === 'none' || !/^\d{4}-\d{2}-\d{2}$/.test(firstDate)) return undefined;
  return {
    frequency: values.frequency,
    interval: bounded(values.interval, 12),
    firstDate,
    count: bounded(values.count, MAX_SERIES_OCCURRENCES),
  };
}

const nthKeys = {
  1: 'session.repeat.nthWeekday.1',
  2: 'session.repeat.nthWeekday.2',
  3: 'session.repeat.nthWeekday.3',
  4: 'session.repeat.nthWeekday.4',
  [-1]: 'session.repeat.lastWeekday',
} as const;

/** "2e mardi", "dernier mardi": the weekday of the month the series keeps. */
function useWeekdayOfMonth() {
  const { t, i18n } = useTranslation();
  return (date: string) => {
    const weekday = new Intl.DateTimeFormat(i18n.language, { weekday: 'long', timeZone: 'UTC' }).format(
      new Date(`${date}T12:00:00Z`),
    );
    return t(nthKeys[weekOfMonth(date) as keyof typeof nthKeys], { weekday });
  };
}

/**
 * "Répéter": weekly, every N weeks or every month on the same weekday of the same week, for a
 * number of sessions; the preview lists the dates, and unticking one leaves it out of the series.
 */
export function SessionRepeatFields({
  values,
  onChange,
  firstDate,
  startTime,
  timeZone,
}: {
  values: RepeatValues;
  onChange: (values: RepeatValues) => void;
  firstDate: string;
  startTime: string;
  timeZone: string;
}) {
  const { t, i18n } = useTranslation();
  const weekdayOfMonth = useWeekdayOfMonth();
  const id = useId();
  const rule = repeatRule(values, firstDate);
  const dates = rule ? occurrences(rule).map((occurrence) => occurrence.date) : [];
  const monthly = /^\d{4}-\d{2}-\d{2}$/.test(firstDate)
    ? t('session.repeat.monthlyOn', { day: weekdayOfMonth(firstDate) })
    : t('session.repeat.monthly');
  const kept = dates.filter((date) => !values.skipped.has(date)).length;
  return (
    <div className={formStyles.form}>
      <SelectField
        label={t('session.repeat.label')}
        value={values.frequency}
        onChange={(frequency) => onChange({ ...values, frequency: frequency as RepeatFrequency })}
        options={[
          { value: 'none', label: t('session.repeat.none') },
          { value: 'weekly', label: t('session.repeat.weekly') },
          { value: 'monthly', label: monthly },
        ]}
      />
      {values.frequency === 'none' ? null : (
        <>
          <div className={formStyles.row}>
            <TextField
              label={
                values.frequency === 'weekly'
                  ? t('session.repeat.everyWeeks')
                  : t('session.repeat.everyMonths')
              }
              type="number"
              min={1}
              max={12}
              value={values.interval}
              onChange={(interval) => onChange({ ...values, interval })}
            />
            <TextField
              label={t('session.repeat.count')}
              type="number"
              min={1}
              max={MAX_SERIES_OCCURRENCES}
              value={values.count}
              onChange={(count) => onChange({ ...values, count })}
            />
          </div>
          {dates.length > 0 ? (
            <fieldset className={choiceStyles.group} aria-describedby={`${id}-hint`}>
              <legend className={`${fieldStyles.label} ${choiceStyles.legend}`}>
                {t('session.repeat.preview', { count: kept })}
              </legend>
              <p id={`${id}-hint`} className={fieldStyles.description}>
                {t('session.repeat.previewHint')}
              </p>
              <ul className={styles.dates}>
                {dates.map((date) => {
                  const iso = zonedToIso(date, startTime || '12:00', timeZone);
                  return (
                    <li key={date}>
                      <label className={styles.date}>
                        <input
                          type="checkbox"
                          checked={!values.skipped.has(date)}
                          onChange={(event) => {
                            const skipped = new Set(values.skipped);
                            if (event.currentTarget.checked) skipped.delete(date);
                            else skipped.add(date);
                            onChange({ ...values, skipped });
                          }}
                        />
                        {iso ? formatDay(iso, i18n.language, timeZone) : date}
                      </label>
                    </li>
                  );
                })}
              </ul>
            </fieldset>
          ) : null}
        </>
      )}
    </div>
  );
}
