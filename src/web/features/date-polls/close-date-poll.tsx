import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { DatePoll } from '../../../contract/date-poll.ts';
import { Button } from '../../components/button.tsx';
import formStyles from '../../components/form.module.css';
import { FormStatus } from '../../components/form-status.tsx';
import { Section } from '../../components/section.tsx';
import { SelectField } from '../../components/select-field.tsx';
import { useErrorMessage } from '../../lib/error-message.ts';
import { useClosePoll } from './date-poll-api.ts';
import { slotLabel } from './date-poll-grid.tsx';

/** "Clore le sondage": the organiser picks a slot (a best one first); the session is created. */
export function CloseDatePoll({ poll }: { poll: DatePoll }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const errorMessage = useErrorMessage();
  const close = useClosePoll(poll);
  const best = poll.slots.find((slot) => slot.isBest) ?? poll.slots[0];
  const [slotId, setSlotId] = useState(best?.id ?? '');
  const options = poll.slots.map((slot) => ({
    value: slot.id,
    label: `${slotLabel(slot, i18n.language, poll.timeZone)} · ${t('datePolls.close.tally', { yes: slot.yes, maybe: slot.maybe })}${slot.isBest ? ` · ★ ${t('datePolls.grid.best')}` : ''}`,
  }));
  return (
    <Section title={t('datePolls.close.title')} description={t('datePolls.close.hint')}>
      <div className={formStyles.form}>
        <SelectField
          label={t('datePolls.close.slot')}
          value={slotId}
          onChange={setSlotId}
          options={options}
        />
        <FormStatus message={close.error ? { tone: 'danger', text: errorMessage(close.error) } : null} />
        <div className={formStyles.actions}>
          <Button
            isPending={close.isPending}
            onClick={() =>
              close.mutate(slotId, {
                onSuccess: ({ session }) => navigate(`/sessions/${encodeURIComponent(session.id)}`),
              })
            }
          >
            {t('datePolls.close.submit')}
          </Button>
        </div>
      </div>
    </Section>
  );
}
