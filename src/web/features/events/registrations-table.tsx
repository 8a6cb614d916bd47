import { useTranslation } from 'react-i18next';
import type { EventDto, OrganiserRegistrationDto } from '../../../contract/event.ts';
import { Button } from '../../components/button.tsx';
import { buttonClass } from '../../components/button-class.ts';
import { FormStatus } from '../../components/form-status.tsx';
import { ErrorState, LoadingState } from '../../components/query-state.tsx';
import { runReported, useActionStatus } from '../../lib/action-status.ts';
import { registrationsCsvUrl, useEventRegistrations, useSetAttendance } from './event-api.ts';
import { StatusBadge } from './event-badges.tsx';
import styles from './events.module.css';

type Attendance = OrganiserRegistrationDto['attendance'];

function AttendanceToggles({
  eventId,
  registration,
}: {
  eventId: string;
  registration: OrganiserRegistrationDto;
}) {
  const { t } = useTranslation();
  const set = useSetAttendance(eventId);
  const { message, report } = useActionStatus();
  const toggle = (value: Exclude<Attendance, null>) =>
    runReported(
      set.mutateAsync,
      { registrationId: registration.id, attendance: registration.attendance === value ? null : value },
      report(t('events.registrations.attendanceSaved')),
    );
  return (
    <div className={styles.toggles}>
      {(['present', 'absent'] as const).map((value) => (
        <button
          key={value}
          type="button"
          className={buttonClass(registration.attendance === value ? 'primary' : 'secondary', 'sm')}
          aria-pressed={registration.attendance === value}
          aria-label={t(`events.registrations.mark.${value}`, { name: registration.name })}
          disabled={set.isPending}
          onClick={() => toggle(value)}
        >
          {t(`events.registrations.attendance.${value}`)}
        </button>
      ))}
      {message?.tone === 'danger' ? <FormStatus message={message} /> : null}
    </div>
  );
}

/** Who registered, in order: status, waitlist position, slots, attendance; and the CSV export. */
export function RegistrationsTable({ event }: { event: EventDto }) {
  const { t, i18n } = useTranslation();
  const registrations = useEventRegistrations(event.id);
  const titleOf = new Map(event.slots.map((slot) => [slot.id, slot.title]));
  return (
    <>
      <div className={styles.tableHead}>
        <h3 className={styles.subTitle}>{t('events.registrations.title')}</h3>
        <a className={buttonClass('secondary', 'sm')} href={registrationsCsvUrl(event.id)}>
          {t('events.registrations.csv')}
        </a>
      </div>
      {registrations.isPending ? <LoadingState /> : null}
      {registrations.isError ? (
        <ErrorState error={registrations.error} onRetry={() => void registrations.refetch()} />
      ) : null}
      {registrations.data?.length === 0 ? (
        <p className={styles.muted}>{t('events.registrations.none')}</p>
      ) : null}
      {registrations.data && registrations.data.length > 0 ? (
        // Scrolls sideways on a phone: focusable and named, so a keyboard reaches what overflows.
        <section
          className={styles.tableScroll}
          aria-label={t('events.registrations.title')}
          // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must take the focus to scroll by keyboard.
          tabIndex={0}
        >
          <table className={styles.table}>
            <caption className="visually-hidden">
              {t('events.registrations.caption', { title: event.title })}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t('events.registrations.name')}</th>
                <th scope="col">{t('events.registrations.status')}</th>
                <th scope="col">{t('events.registrations.slots')}</th>
                <th scope="col">{t('events.registrations.registeredAt')}</th>
                <th scope="col">{t('events.registrations.attendanceHead')}</th>
              </tr>
            </thead>
            <tbody>
              {registrations.data.map((registration) => (
                <tr key={registration.id}>
                  <th scope="row">
                    {registration.name}
                    {registration.guest ? (
                      <span className={styles.muted}> ({t('events.registrations.guest')})</span>
                    ) : null}
                    {registration.email ? <span className={styles.email}>{registration.email}</span> : null}
                  </th>
                  <td>
                    <StatusBadge status={registration.status} position={registration.waitlistPosition} />
                  </td>
                  <td>
                    {registration.slots.length === 0 ? (
                      <span className={styles.muted}>—</span>
                    ) : (
                      <ul className={styles.cellList}>
                        {registration.slots.map((slot) => (
                          <li key={slot.slotId}>
                            {titleOf.get(slot.slotId) ?? slot.slotId}{' '}
                            <StatusBadge status={slot.status} position={slot.waitlistPosition} />
                          </li>
                        ))}
                      </ul>
                    )}
                  </td>
                  <td>
                    {new Intl.DateTimeFormat(i18n.language, {
                      dateStyle: 'short',
                      timeStyle: 'short',
                    }).format(new Date(registration.registeredAt))}
                  </td>
                  <td>
                    <AttendanceToggles eventId={event.id} registration={registration} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : null}
      {registrations.hasNextPage ? (
        <div>
          <Button
            variant="secondary"
            isPending={registrations.isFetchingNextPage}
            onClick={() => void registrations.fetchNextPage()}
          >
            {t('events.list.more')}
          </Button>
        </div>
      ) : null}
    </>
  );
}
