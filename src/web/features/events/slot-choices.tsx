import { useTranslation } from 'react-i18next';
import type { EventDto, SlotDto } from '../../../contract/event.ts';
import { firstOverlap } from '../../../domain/event.ts';
import fieldStyles from '../../components/field.module.css';
import { formatDay, formatTime } from '../sessions/session-time.ts';
import styles from './events.module.css';

/** The slots one registers for: those with a capacity (the rest are open to every participant). */
export const choosableSlots = (event: EventDto) =>
  event.slots.filter((slot) => slot.capacity !== null && slot.kind !== 'break');

/** "Atelier A » et « Atelier B" when two chosen slots overlap, for a message naming both. */
export function overlapOf(event: EventDto, slotIds: readonly string[]): [SlotDto, SlotDto] | undefined {
  // By start, then title: the same words whatever order the slots came in.
  const chosen = event.slots
    .filter((slot) => slotIds.includes(slot.id))
    .sort((a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt) || a.title.localeCompare(b.title));
  return firstOverlap(chosen);
}

/** Checkboxes for the slots with a capacity, each with its time and the places left. */
export function SlotChoices({
  event,
  value,
  onChange,
  errorMessage,
}: {
  event: EventDto;
  value: readonly string[];
  onChange: (slotIds: string[]) => void;
  errorMessage?: string | undefined;
}) {
  const { t, i18n } = useTranslation();
  const slots = choosableSlots(event);
  if (slots.length === 0) return null;
  const toggle = (id: string, checked: boolean) =>
    onChange(checked ? [...value, id] : value.filter((other) => other !== id));
  return (
    <fieldset
      className={styles.choices}
      aria-describedby={errorMessage ? `choices-error-${event.id}` : undefined}
    >
      <legend className={fieldStyles.label}>{t('events.register.slots')}</legend>
      <p className={fieldStyles.description}>{t('events.register.slotsHint')}</p>
      {slots.map((slot) => {
        const left = (slot.capacity ?? 0) - slot.confirmedCount;
        return (
          <label key={slot.id} className={styles.choice}>
            <input
              type="checkbox"
              checked={value.includes(slot.id)}
              onChange={(change) => toggle(slot.id, change.target.checked)}
            />
            <span>
              <strong>{slot.title}</strong>
              <span className={styles.muted}>
                {' '}
                {formatDay(slot.startsAt, i18n.language, event.timeZone)},{' '}
                {formatTime(slot.startsAt, i18n.language, event.timeZone)} –{' '}
                {formatTime(slot.endsAt, i18n.language, event.timeZone)} ·{' '}
                {left > 0 ? t('events.places.left', { count: left }) : t('events.places.full')}
              </span>
            </span>
          </label>
        );
      })}
      {errorMessage ? (
        <p id={`choices-error-${event.id}`} className={fieldStyles.error} role="alert">
          {errorMessage}
        </p>
      ) : null}
    </fieldset>
  );
}
