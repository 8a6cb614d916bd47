import { useTranslation } from 'react-i18next';
import type { DatePoll, DatePollSlot } from '../../../contract/date-poll.ts';
import type { DateAnswerValue } from '../../../domain/date-poll.ts';
import { formatDay, formatTime } from '../sessions/session-time.ts';
import styles from './date-poll-grid.module.css';

export type AnswerDraft = Record<string, DateAnswerValue | undefined>;

const values: readonly DateAnswerValue[] = ['yes', 'maybe', 'no'];

/** Consecutive slots of one day (in the poll's time zone), for the grid's grouped headers. */
function byDay(slots: DatePollSlot[], locale: string, timeZone: string) {
  const days: { label: string; slots: DatePollSlot[] }[] = [];
  for (const slot of slots) {
    const label = formatDay(slot.startsAt, locale, timeZone);
    const last = days.at(-1);
    if (last?.label === label) last.slots.push(slot);
    else days.push({ label, slots: [slot] });
  }
  return days;
}

export function slotLabel(slot: DatePollSlot, locale: string, timeZone: string) {
  return `${formatDay(slot.startsAt, locale, timeZone)}, ${formatTime(slot.startsAt, locale, timeZone)} – ${formatTime(slot.endsAt, locale, timeZone)}`;
}

function AnswerText({ value }: { value: DateAnswerValue | undefined }) {
  const { t } = useTranslation();
  if (!value) return <span className={styles.no}>—</span>;
  const mark = { yes: '✓', maybe: '~', no: '✗' }[value];
  return (
    <span className={styles[value]}>
      <span aria-hidden="true">{mark} </span>
      {t(`datePolls.answer.${value}`)}
    </span>
  );
}

export interface DatePollGridProps {
  poll: DatePoll;
  /** The reader's own answers being edited; the grid shows toggles in their row. */
  draft?: AnswerDraft;
  onDraftChange?: (slotId: string, value: DateAnswerValue) => void;
  /** Name shown on the editable row. */
  draftLabel?: string;
}

/**
 * The results grid: one column per slot grouped by day in the poll's time zone, one row per
 * participant, totals at the foot. Best slots are marked in words, not only in colour.
 */
export function DatePollGrid({ poll, draft, onDraftChange, draftLabel }: DatePollGridProps) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const days = byDay(poll.slots, locale, poll.timeZone);
  const editing = draft !== undefined && onDraftChange !== undefined;
  const others = editing ? poll.participants.filter((p) => !p.isMe) : poll.participants;
  const cellClass = (slot: DatePollSlot) =>
    poll.chosenSlotIds.includes(slot.id) ? styles.chosen : slot.isBest ? styles.best : undefined;
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard.
    <section className={styles.scroller} tabIndex={0} aria-label={t('datePolls.grid.label')}>
      <table className={styles.grid}>
        <caption className="visually-hidden">{t('datePolls.grid.caption', { zone: poll.timeZone })}</caption>
        <thead>
          <tr>
            <th rowSpan={2} scope="col" className={styles.corner}>
              {t('datePolls.grid.participant')}
            </th>
            {days.map((day) => (
              <th key={day.label} colSpan={day.slots.length} scope="colgroup" className={styles.day}>
                {day.label}
              </th>
            ))}
          </tr>
          <tr>
            {poll.slots.map((slot) => (
              <th key={slot.id} scope="col" className={`${styles.time} ${cellClass(slot) ?? ''}`}>
                {formatTime(slot.startsAt, locale, poll.timeZone)} –{' '}
                {formatTime(slot.endsAt, locale, poll.timeZone)}
                {poll.chosenSlotIds.includes(slot.id) ? (
                  <span className={styles.bestLabel}>{t('datePolls.grid.chosen')}</span>
                ) : slot.isBest ? (
                  <span className={styles.bestLabel}>★ {t('datePolls.grid.best')}</span>
                ) : null}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {others.map((participant, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: hidden participants have no name to key on.
            <tr key={index}>
              <th scope="row">
                {participant.name === null ? (
                  <span className={styles.hidden}>{t('datePolls.grid.hiddenName')}</span>
                ) : (
                  <>
                    {participant.isMe ? t('common.you') : participant.name}
                    {participant.isGuest ? ` (${t('datePolls.grid.guest')})` : null}
                  </>
                )}
                {participant.comment ? <span className={styles.comment}>{participant.comment}</span> : null}
              </th>
              {poll.slots.map((slot) => (
                <td key={slot.id} className={cellClass(slot)}>
                  <AnswerText value={participant.answers.find((a) => a.slotId === slot.id)?.value} />
                </td>
              ))}
            </tr>
          ))}
          {editing ? (
            <tr className={styles.mine}>
              <th scope="row">{draftLabel ?? t('common.you')}</th>
              {poll.slots.map((slot) => (
                <td key={slot.id}>
                  <fieldset className={styles.choices}>
                    <legend className="visually-hidden">{slotLabel(slot, locale, poll.timeZone)}</legend>
                    {values.map((value) => (
                      <label key={value} className={styles.choice}>
                        <input
                          type="radio"
                          name={`answer-${slot.id}`}
                          value={value}
                          checked={draft[slot.id] === value}
                          onChange={() => onDraftChange(slot.id, value)}
                        />
                        {t(`datePolls.answer.${value}`)}
                      </label>
                    ))}
                  </fieldset>
                </td>
              ))}
            </tr>
          ) : null}
        </tbody>
        <tfoot className={styles.totals}>
          {values.map((value) => (
            <tr key={value}>
              <th scope="row">{t(`datePolls.grid.total.${value}`)}</th>
              {poll.slots.map((slot) => (
                <td key={slot.id} className={cellClass(slot)}>
                  {slot[value]}
                </td>
              ))}
            </tr>
          ))}
        </tfoot>
      </table>
    </section>
  );
}
