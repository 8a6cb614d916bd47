import { useTranslation } from 'react-i18next';
import { LOWEST_MIN_RESPONDENTS } from '../../../domain/survey.ts';
import { TextField } from '../../components/text-field.tsx';

/** A `datetime-local` value ("2026-09-22T17:00", this browser's zone) as an instant, or undefined. */
export function instantOf(local: string): string | undefined {
  if (!local) return undefined;
  const date = new Date(local);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

/** An instant as a `datetime-local` value in this browser's zone, or '' for none. */
export function localOf(iso: string | null): string {
  if (!iso) return '';
  const date = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** How many responses an anonymous questionnaire needs before its results show. */
export function MinRespondentsField({
  value,
  onChange,
}: {
  value: string;
  onChange: (value: string) => void;
}) {
  const { t } = useTranslation();
  return (
    <TextField
      label={t('surveys.create.minRespondents')}
      description={t('surveys.create.minRespondentsHelp', { min: LOWEST_MIN_RESPONDENTS })}
      type="number"
      min={LOWEST_MIN_RESPONDENTS}
      max={1000}
      value={value}
      onChange={onChange}
    />
  );
}

/** The opening and closing dates, both optional. */
export function SurveyDateFields({
  opensAt,
  closesAt,
  onOpensAt,
  onClosesAt,
  opensHelp,
  closesHelp,
}: {
  opensAt: string;
  closesAt: string;
  onOpensAt: (value: string) => void;
  onClosesAt: (value: string) => void;
  opensHelp?: string | undefined;
  closesHelp?: string | undefined;
}) {
  const { t } = useTranslation();
  return (
    <>
      <TextField
        label={t('surveys.create.opensAt')}
        description={opensHelp}
        type="datetime-local"
        value={opensAt}
        onChange={onOpensAt}
        isOptional
      />
      <TextField
        label={t('surveys.create.closesAt')}
        description={closesHelp}
        type="datetime-local"
        value={closesAt}
        onChange={onClosesAt}
        isOptional
      />
    </>
  );
}
