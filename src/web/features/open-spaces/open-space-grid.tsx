import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { OpenSpaceDto, OpenSpaceSessionDto } from '../../../contract/open-space.ts';
import { Button } from '../../components/button.tsx';
import { formatDay, formatTime } from '../sessions/session-time.ts';
import { openSpaceSessionPage, usePresence } from './open-space-api.ts';
import styles from './open-space-grid.module.css';
import { ProposeDialog } from './propose-dialog.tsx';

type Slot = OpenSpaceDto['slots'][number];
type Room = OpenSpaceDto['rooms'][number];

/** "jeudi 19 novembre 2026, 09:00–10:00" in the event's time zone. */
export function useSlotLabel(timeZone: string) {
  const { t, i18n } = useTranslation();
  return (slot: Slot) =>
    t('openSpaces.slotHeading', {
      day: formatDay(slot.startsAt, i18n.language, timeZone),
      start: formatTime(slot.startsAt, i18n.language, timeZone),
      end: formatTime(slot.endsAt, i18n.language, timeZone),
    });
}

function TakenCell({
  space,
  room,
  session,
  variant,
}: {
  space: OpenSpaceDto;
  room: Room;
  session: OpenSpaceSessionDto;
  variant: 'grid' | 'projector';
}) {
  const { t } = useTranslation();
  const presence = usePresence(space.id);
  const isProjector = variant === 'projector';
  return (
    <article className={`${styles.cell} ${styles.taken} ${session.iAmHere ? styles.here : ''}`}>
      <p className={styles.room}>{room.name}</p>
      <h3 className={styles.title}>
        {isProjector ? (
          session.title
        ) : (
          <Link to={openSpaceSessionPage(space.id, session.id)}>{session.title}</Link>
        )}
      </h3>
      {/* Hosts are named to the community's members only. */}
      {session.host.name ? (
        <p className={styles.host}>{t('openSpaces.host', { name: session.host.name })}</p>
      ) : null}
      {session.question && !isProjector ? <p className={styles.question}>{session.question}</p> : null}
      <p className={styles.count}>{t('openSpaces.present', { count: session.presentCount })}</p>
      {isProjector ? null : (
        <div className={styles.actions}>
          {space.abilities.takePart ? (
            session.iAmHere ? (
              <>
                <span className={styles.hereBadge}>{t('openSpaces.iAmHere')}</span>
                <Button
                  variant="ghost"
                  size="sm"
                  isPending={presence.isPending}
                  onClick={() => presence.mutate({ leaveSlot: session.slotId })}
                >
                  {t('openSpaces.leave')}
                </Button>
              </>
            ) : (
              <Button
                variant="secondary"
                size="sm"
                isPending={presence.isPending}
                aria-label={`${t('openSpaces.imHere')} — ${session.title}`}
                onClick={() => presence.mutate({ here: session.id })}
              >
                {t('openSpaces.imHere')}
              </Button>
            )
          ) : null}
          <Link
            className={styles.notesLink}
            to={openSpaceSessionPage(space.id, session.id)}
            aria-label={t('openSpaces.notesOf', { title: session.title })}
          >
            {t('openSpaces.notes')}
          </Link>
        </div>
      )}
    </article>
  );
}

function FreeCell({
  space,
  room,
  slot,
  slotLabel,
  variant,
}: {
  space: OpenSpaceDto;
  room: Room;
  slot: Slot;
  slotLabel: string;
  variant: 'grid' | 'projector';
}) {
  const { t } = useTranslation();
  const [isProposing, setProposing] = useState(false);
  return (
    <div className={`${styles.cell} ${styles.free}`}>
      <p className={styles.room}>{room.name}</p>
      <p className={styles.freeLabel}>{t('openSpaces.free')}</p>
      {variant === 'grid' && space.abilities.takePart ? (
        <Button
          variant="secondary"
          size="sm"
          aria-label={t('openSpaces.proposeIn', { room: room.name, time: slotLabel })}
          onClick={() => setProposing(true)}
        >
          {t('openSpaces.proposeHere')}
        </Button>
      ) : null}
      {isProposing ? (
        <ProposeDialog
          openSpaceId={space.id}
          roomId={room.id}
          slotId={slot.id}
          heading={t('openSpaces.proposeIn', { room: room.name, time: slotLabel })}
          onClose={() => setProposing(false)}
        />
      ) : null}
    </div>
  );
}

/**
 * The marketplace: one band per time slot, its rooms side by side on a wide screen and stacked
 * on a phone. A taken cell shows its session; a free one offers to propose there.
 */
export function OpenSpaceGrid({
  space,
  variant = 'grid',
}: {
  space: OpenSpaceDto;
  variant?: 'grid' | 'projector';
}) {
  const slotLabel = useSlotLabel(space.timeZone);
  const byCell = new Map(space.sessions.map((session) => [`${session.roomId}:${session.slotId}`, session]));
  return (
    <div className={variant === 'projector' ? styles.projectorGrid : styles.grid}>
      {space.slots.map((slot) => {
        const label = slotLabel(slot);
        return (
          <section key={slot.id} className={styles.slot} aria-label={label}>
            <h2 className={styles.slotHeading}>{label}</h2>
            <ul className={styles.cells} style={{ '--rooms': space.rooms.length } as React.CSSProperties}>
              {space.rooms.map((room) => {
                const session = byCell.get(`${room.id}:${slot.id}`);
                return (
                  <li key={room.id}>
                    {session ? (
                      <TakenCell space={space} room={room} session={session} variant={variant} />
                    ) : (
                      <FreeCell space={space} room={room} slot={slot} slotLabel={label} variant={variant} />
                    )}
                  </li>
                );
              })}
            </ul>
          </section>
        );
      })}
    </div>
  );
}
