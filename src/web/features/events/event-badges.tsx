import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { EventSummaryDto } from '../../../contract/event.ts';
import type { RegistrationStatus, SlotRegistrationStatus } from '../../../domain/event.ts';
import { Badge, type BadgeTone } from '../../components/badge.tsx';

/** "Public" or "Communauté", and "Annulé" when it is. */
export function EventBadges({ event }: { event: Pick<EventSummaryDto, 'visibility' | 'cancelled'> }) {
  const { t } = useTranslation();
  return (
    <>
      {event.visibility === 'public' ? (
        <Badge tone="primary">{t('events.visibility.public')}</Badge>
      ) : (
        <Badge>{t('events.visibility.community')}</Badge>
      )}
      {event.cancelled ? <Badge tone="danger">{t('events.cancelled')}</Badge> : null}
    </>
  );
}

const statusTones: Record<RegistrationStatus | SlotRegistrationStatus, BadgeTone> = {
  confirmed: 'success',
  waitlisted: 'warning',
  unconfirmed: 'neutral',
  pending: 'neutral',
  cancelled: 'danger',
};

/** A registration's or a slot place's status, with the waitlist position when there is one. */
export function StatusBadge({
  status,
  position,
}: {
  status: RegistrationStatus | SlotRegistrationStatus;
  position?: number | null | undefined;
}) {
  const { t } = useTranslation();
  return (
    <Badge tone={statusTones[status]}>
      {status === 'waitlisted' && position
        ? t('events.status.waitlistedAt', { position })
        : t(`events.status.${status}`)}
    </Badge>
  );
}

/** "8 places restantes", "Complet, liste d'attente", or "42 inscrit·es" without a limit. */
export function placesText(t: TFunction, confirmedCount: number, capacity: number | null): string {
  if (capacity === null) return t('events.places.registered', { count: confirmedCount });
  const left = capacity - confirmedCount;
  return left > 0 ? t('events.places.left', { count: left }) : t('events.places.full');
}
