import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { EventDto } from '../../../contract/event.ts';
import { Button } from '../../components/button.tsx';
import { Dialog } from '../../components/dialog.tsx';
import { EmptyState } from '../../components/empty-state.tsx';
import formStyles from '../../components/form.module.css';
import { FormStatus, type FormStatusMessage } from '../../components/form-status.tsx';
import { Section } from '../../components/section.tsx';
import { TextField } from '../../components/text-field.tsx';
import { useErrorMessage } from '../../lib/error-message.ts';
import { formatRange, isoToZoned, zonedToIso } from '../sessions/session-time.ts';
import { openSpacePage, useCreateOpenSpace, useEventOpenSpaces } from './open-space-api.ts';
import styles from './open-space-pages.module.css';

interface SlotRow {
  key: number;
  date: string;
  start: string;
  end: string;
}

type EventFacts = Pick<EventDto, 'id' | 'startsAt' | 'timeZone' | 'abilities'>;

function CreateOpenSpaceDialog({ event, onClose }: { event: EventFacts; onClose: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const errorMessage = useErrorMessage();
  const create = useCreateOpenSpace(event.id);
  const day = isoToZoned(event.startsAt, event.timeZone).date;
  const [title, setTitle] = useState('');
  const [rooms, setRooms] = useState('');
  const [rows, setRows] = useState<SlotRow[]>([
    { key: 1, date: day, start: '10:00', end: '11:00' },
    { key: 2, date: day, start: '11:15', end: '12:15' },
  ]);
  const [message, setMessage] = useState<FormStatusMessage | null>(null);
  const setRow = (key: number, change: Partial<SlotRow>) =>
    setRows((current) => current.map((row) => (row.key === key ? { ...row, ...change } : row)));
  return (
    <Dialog title={t('openSpaces.event.create')} onClose={onClose}>
      {(close) => (
        <form
          className={formStyles.form}
          onSubmit={(submitted: FormEvent) => {
            submitted.preventDefault();
            setMessage(null);
            const slots = rows.map((row) => ({
              startsAt: zonedToIso(row.date, row.start, event.timeZone) ?? '',
              endsAt: zonedToIso(row.date, row.end, event.timeZone) ?? '',
            }));
            const names = rooms
              .split('\n')
              .map((name) => name.trim())
              .filter(Boolean);
            create.mutate(
              { ...(title.trim() ? { title: title.trim() } : {}), rooms: names, slots },
              {
                onSuccess: (space) => {
                  close();
                  void navigate(openSpacePage(space.id));
                },
                onError: (error) => setMessage({ tone: 'danger', text: errorMessage(error) }),
              },
            );
          }}
        >
          <TextField
            label={t('openSpaces.event.name')}
            placeholder={t('openSpaces.event.namePlaceholder')}
            value={title}
            onChange={setTitle}
            isOptional
            maxLength={200}
          />
          <TextField
            label={t('openSpaces.event.rooms')}
            description={t('openSpaces.event.roomsHint')}
            value={rooms}
            onChange={setRooms}
            multiline
            rows={4}
            isRequired
          />
          <fieldset className={styles.slots}>
            <legend>{t('openSpaces.event.slots')}</legend>
            <p className={formStyles.hint}>{t('openSpaces.event.zone', { zone: event.timeZone })}</p>
            {rows.map((row, index) => (
              <div key={row.key} className={styles.slotRow}>
                <TextField
                  label={t('openSpaces.event.slotDate', { n: index + 1 })}
                  type="date"
                  value={row.date}
                  onChange={(date) => setRow(row.key, { date })}
                  isRequired
                />
                <TextField
                  label={t('openSpaces.event.slotStart')}
                  type="time"
                  value={row.start}
                  onChange={(start) => setRow(row.key, { start })}
                  isRequired
                />
                <TextField
                  label={t('openSpaces.event.slotEnd')}
                  type="time"
                  value={row.end}
                  onChange={(end) => setRow(row.key, { end })}
                  isRequired
                />
                <Button
                  variant="ghost"
                  size="sm"
                  disabled={rows.length === 1}
                  onClick={() => setRows((current) => current.filter((item) => item.key !== row.key))}
                >
                  {t('openSpaces.event.removeSlot', { n: index + 1 })}
                </Button>
              </div>
            ))}
            <div>
              <Button
                variant="secondary"
                size="sm"
                onClick={() =>
                  setRows((current) => [
                    ...current,
                    {
                      key: Math.max(0, ...current.map((item) => item.key)) + 1,
                      date: current.at(-1)?.date ?? day,
                      start: current.at(-1)?.end ?? '10:00',
                      end: current.at(-1)?.end ?? '11:00',
                    },
                  ])
                }
              >
                {t('openSpaces.event.addSlot')}
              </Button>
            </div>
          </fieldset>
          <FormStatus message={message} />
          <div className={formStyles.actions}>
            <Button type="submit" isPending={create.isPending}>
              {t('openSpaces.event.submit')}
            </Button>
          </div>
        </form>
      )}
    </Dialog>
  );
}

/**
 * An event's open spaces, with links to their marketplaces; its organisers create one (rooms and
 * time slots). Placed on the event's page.
 */
/** The open spaces of the event the page shows (its abilities and time zone come with it). */
export function EventOpenSpaces({ event: facts }: { event: EventDto }) {
  const { t, i18n } = useTranslation();
  const [isCreating, setCreating] = useState(false);
  const spaces = useEventOpenSpaces(facts.id);
  if (!spaces.data) return null;
  const items = spaces.data.items;
  // A forum is created while the event is still to be held (takePart ends with it).
  const mayCreate = facts.abilities.steer && facts.abilities.takePart;
  if (items.length === 0 && !mayCreate) return null;
  return (
    <Section
      title={t('openSpaces.event.title')}
      description={t('openSpaces.event.description')}
      action={
        mayCreate ? (
          <Button variant="secondary" size="sm" onClick={() => setCreating(true)}>
            {t('openSpaces.event.create')}
          </Button>
        ) : undefined
      }
    >
      {items.length === 0 ? (
        <EmptyState isCompact title={t('openSpaces.event.none')} />
      ) : (
        <ul className={styles.eventList}>
          {items.map((space) => (
            <li key={space.id}>
              <Link to={openSpacePage(space.id)}>{space.title}</Link>
              <br />
              <small>
                {space.startsAt && space.endsAt
                  ? `${formatRange(space.startsAt, space.endsAt, i18n.language, facts.timeZone)} · `
                  : null}
                {t('openSpaces.event.counts', {
                  rooms: space.roomCount,
                  slots: space.slotCount,
                  sessions: space.sessionCount,
                })}
              </small>
            </li>
          ))}
        </ul>
      )}
      {isCreating ? <CreateOpenSpaceDialog event={facts} onClose={() => setCreating(false)} /> : null}
    </Section>
  );
}
