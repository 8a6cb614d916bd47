import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SelectField } from '../../components/select-field.tsx';
import { useErrorMessage } from '../../lib/error-message.ts';
import { useCircleReminders, useUpdateCircleReminders } from './mail-api.ts';

/** The choices offered; the API takes any whole number of hours from 1 to 168. */
const presets = ['off', '1', '2', '6', '12', '24', '48', '72', '168'] as const;
type Choice = (typeof presets)[number] | `${number}`;

const toChoice = (hours: number | null): Choice => (hours === null ? 'off' : `${hours}`);

/**
 * The circle's session reminder, as a field of the circle's edit dialog. The dialog saves it with
 * the rest (`save`), through its own endpoint.
 */
export function useCircleReminderField(circleId: string): { field: ReactNode; save: () => Promise<void> } {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const current = useCircleReminders(circleId);
  const update = useUpdateCircleReminders(circleId);
  const [choice, setChoice] = useState<Choice | null>(null);
  const saved = current.data ? toChoice(current.data.reminderHours) : null;
  const value = choice ?? saved ?? '24';
  const options = [...new Set<Choice>([...presets, value])].map((option) => ({
    value: option,
    label:
      option === 'off'
        ? t('mail.reminder.off')
        : Number(option) % 24 === 0
          ? t('mail.reminder.days', { count: Number(option) / 24 })
          : t('mail.reminder.hours', { count: Number(option) }),
  }));
  const field = (
    <SelectField<Choice>
      label={t('mail.reminder.label')}
      description={t('mail.reminder.hint')}
      value={value}
      onChange={setChoice}
      options={options}
      errorMessage={update.error ? errorMessage(update.error) : undefined}
    />
  );
  return {
    field,
    async save() {
      if (choice === null || choice === saved) return;
      await update.mutateAsync(choice === 'off' ? null : Number(choice));
    },
  };
}
