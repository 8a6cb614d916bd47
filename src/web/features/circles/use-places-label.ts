import { useTranslation } from 'react-i18next';
import type { Circle } from '../../../contract/circle.ts';

/** "7 places libres sur 12", "Complet · 3 sur liste d'attente", or the head count when unlimited. */
export function usePlacesLabel(): (
  circle: Pick<Circle, 'capacity' | 'memberCount' | 'waitlistCount'>,
) => string {
  const { t } = useTranslation();
  return ({ capacity, memberCount, waitlistCount }) => {
    if (capacity === null) return t('circle.places.unlimited', { count: memberCount });
    const left = capacity - memberCount;
    if (left <= 0) {
      return waitlistCount > 0
        ? t('circle.places.full', { count: waitlistCount })
        : t('circle.places.fullNoWaitlist');
    }
    return t('circle.places.left', { count: left, capacity });
  };
}
