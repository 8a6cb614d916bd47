import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import type { RegistrationLinkDto } from '../../contract/event.ts';
import { Alert } from '../components/alert.tsx';
import { Button } from '../components/button.tsx';
import { buttonClass } from '../components/button-class.ts';
import { ButtonLink } from '../components/button-link.tsx';
import { ConfirmButton } from '../components/confirm-button.tsx';
import formStyles from '../components/form.module.css';
import { PageHeader } from '../components/page-header.tsx';
import { ErrorState, LoadingState } from '../components/query-state.tsx';
import { Section } from '../components/section.tsx';
import { linkCalendarUrl, useLinkAction, useRegistrationLink } from '../features/events/event-api.ts';
import { StatusBadge } from '../features/events/event-badges.tsx';
import { formatEventRange } from '../features/events/event-time.ts';
import styles from '../features/events/events.module.css';
import { formatDay, formatTime } from '../features/sessions/session-time.ts';
import { ApiError } from '../lib/api-client.ts';
import { isNotFound, useErrorMessage } from '../lib/error-message.ts';

/** What a refused confirmation means to the guest: a link used already, or expired (409). */
function useLinkProblem() {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  return (error: unknown, link: RegistrationLinkDto) => {
    if (!error) return undefined;
    if (error instanceof ApiError && error.code === 'CONFLICT')
      return link.status === 'confirmed' || link.status === 'waitlisted'
        ? t('events.link.alreadyConfirmed')
        : t('events.link.expired');
    if (isNotFound(error)) return t('events.link.unknownText');
    return errorMessage(error);
  };
}

function LinkActions({ token, link }: { token: string; link: RegistrationLinkDto }) {
  const { t, i18n } = useTranslation();
  const confirm = useLinkAction(token, 'confirm');
  const cancel = useLinkAction(token, 'cancel');
  const problem = useLinkProblem();
  const isActive = link.status !== 'cancelled';
  const confirmProblem = problem(confirm.error, link);
  return (
    <>
      {link.confirmable && link.confirmBy ? (
        <p>
          {t('events.link.confirmBy', {
            when: `${formatDay(link.confirmBy, i18n.language)}, ${formatTime(link.confirmBy, i18n.language)}`,
          })}
        </p>
      ) : null}
      {link.status === 'unconfirmed' && !link.confirmable ? (
        <Alert tone="warning">{t('events.link.expired')}</Alert>
      ) : null}
      {confirm.isSuccess ? (
        <Alert tone="success" role="status">
          {link.status === 'waitlisted' ? t('events.link.confirmedWaitlist') : t('events.link.confirmedDone')}
        </Alert>
      ) : null}
      {cancel.isSuccess ? (
        <Alert tone="info" role="status">
          {t('events.link.cancelledDone')}
        </Alert>
      ) : null}
      <div role="alert">
        {confirmProblem ? <Alert tone="danger">{confirmProblem}</Alert> : null}
        {problem(cancel.error, link) ? <Alert tone="danger">{problem(cancel.error, link)}</Alert> : null}
      </div>
      <div className={formStyles.actions}>
        {link.confirmable ? (
          <Button isPending={confirm.isPending} onClick={() => confirm.mutate(undefined)}>
            {t('events.link.confirm')}
          </Button>
        ) : null}
        {isActive && link.status !== 'unconfirmed' ? (
          <a className={buttonClass('secondary')} href={linkCalendarUrl(token)}>
            {t('events.register.ics')}
          </a>
        ) : null}
        {isActive ? (
          <ConfirmButton
            title={t('events.register.cancelTitle')}
            message={t('events.link.cancelMessage')}
            confirmLabel={t('events.register.cancel')}
            isPending={cancel.isPending}
            onConfirm={() => cancel.mutate(undefined)}
          >
            {t('events.register.cancel')}
          </ConfirmButton>
        ) : null}
      </div>
    </>
  );
}

/**
 * `/registrations/link/:token`: what a guest's mail opens, without an account: the event, their
 * registration, confirm it (within 48 h), cancel it, or take its `.ics`.
 */
export function RegistrationLinkPage() {
  const { t, i18n } = useTranslation();
  const { token = '' } = useParams();
  const link = useRegistrationLink(token);
  if (link.isPending) return <LoadingState />;
  if (link.isError) {
    if (isNotFound(link.error)) {
      return (
        <div className={styles.narrow}>
          <PageHeader title={t('events.link.unknownTitle')} />
          <Alert tone="warning">{t('events.link.unknownText')}</Alert>
        </div>
      );
    }
    return <ErrorState error={link.error} onRetry={() => void link.refetch()} />;
  }
  const data = link.data;
  const { event } = data;
  return (
    <div className={styles.narrow}>
      <PageHeader
        title={event.title}
        eyebrow={t('events.link.eyebrow')}
        actions={
          <ButtonLink variant="secondary" to={`/events/${encodeURIComponent(event.id)}`}>
            {t('events.link.open')}
          </ButtonLink>
        }
        description={formatEventRange(
          event.startsAt,
          event.endsAt,
          event.timeZone,
          i18n.language,
          (from, to) => t('events.span', { from, to }),
        )}
      />
      <Section
        title={data.name ? t('events.link.title', { name: data.name }) : t('events.link.titleUnnamed')}
      >
        <p className={styles.statusLine}>
          {t('events.register.myStatus')}{' '}
          <StatusBadge status={data.status} position={data.waitlistPosition} />
        </p>
        {data.slots.length > 0 ? (
          <ul className={styles.mySlots} aria-label={t('events.register.mySlots')}>
            {data.slots.map((slot) => (
              <li key={slot.slotId}>
                {slot.title}{' '}
                <span className={styles.muted}>
                  {formatTime(slot.startsAt, i18n.language, event.timeZone)}–
                  {formatTime(slot.endsAt, i18n.language, event.timeZone)}
                </span>{' '}
                <StatusBadge status={slot.status} position={slot.waitlistPosition} />
              </li>
            ))}
          </ul>
        ) : null}
        <LinkActions token={token} link={data} />
      </Section>
    </div>
  );
}
