import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { DatePoll } from '../../../contract/date-poll.ts';
import { Button } from '../../components/button.tsx';
import fieldStyles from '../../components/field.module.css';
import formStyles from '../../components/form.module.css';
import { FormStatus } from '../../components/form-status.tsx';
import choiceStyles from '../../components/radio-group-field.module.css';
import { Section } from '../../components/section.tsx';
import { useErrorMessage } from '../../lib/error-message.ts';
import { useClosePoll } from './date-poll-api.ts';
import { slotLabel } from './date-poll-grid.tsx';

/**
 * "Clore le sondage": the organiser ticks one slot or several (a best one is ticked first); one
 * session is created per slot. With one, the session opens; with several, the poll lists them.
 */
export function CloseDatePoll({ poll }: { poll: DatePoll }) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const navigate = useNavigate();
  const errorMessage = useErrorMessage();
  const close = useClosePoll(poll);
  const best = poll.slots.find((slot) => slot.isBest) ?? poll.slots[0];
  const [chosen, setChosen] = useState<ReadonlySet<string>>(() => new Set(best ? [best.id] : []));
  const toggle = (slotId: string, on: boolean) =>
    setChosen((previous) => {
      const next = new Set(previous);
      if (on) next.add(slotId);
      else next.delete(slotId);
      return next;
    });
  const slotIds = poll.slots.filter((slot) => chosen.has(slot.id)).map((slot) => slot.id);
  return (
    <Section title={t('datePolls.close.title')} description={t('datePolls.close.hint')}>
      <div className={formStyles.form}>
        <fieldset className={choiceStyles.group}>
          <legend className={`${fieldStyles.label} ${choiceStyles.legend}`}>
            {t('datePolls.close.slots')}
          </legend>
          <div className={choiceStyles.options}>
            {poll.slots.map((slot) => (
              <label key={slot.id} className={choiceStyles.radio}>
                <input
                  type="checkbox"
                  className={choiceStyles.input}
                  checked={chosen.has(slot.id)}
                  onChange={(event) => toggle(slot.id, event.currentTarget.checked)}
                  aria-describedby={`${id}-${slot.id}`}
                />
                <span className={choiceStyles.text}>
                  <span className={choiceStyles.optionLabel}>
                    {slotLabel(slot, i18n.language, poll.timeZone)}
                  </span>
                  <span id={`${id}-${slot.id}`} className={choiceStyles.optionDescription}>
                    {t('datePolls.close.tally', { yes: slot.yes, maybe: slot.maybe })}
                    {slot.isBest ? ` · ★ ${t('datePolls.grid.best')}` : ''}
                  </span>
                </span>
              </label>
            ))}
          </div>
        </fieldset>
        <FormStatus message={close.error ? { tone: 'danger', text: errorMessage(close.error) } : null} />
        <div className={formStyles.actions}>
          <Button
            isPending={close.isPending}
            disabled={slotIds.length === 0}
            onClick={() =>
              close.mutate(slotIds, {
                onSuccess: ({ session, sessions }) => {
                  if (sessions.length === 1) navigate(`/sessions/${encodeURIComponent(session.id)}`);
                },
              })
            }
          >
            {t('datePolls.close.submit', { count: slotIds.length })}
          </Button>
        </div>
      </div>
    </Section>
  );
}
