import type { TFunction } from 'i18next';

/** "45 min" under an hour, "1 h 30" beyond. */
export function formatDuration(t: TFunction, total: number): string {
  if (total < 60) return t('rex.minutes', { count: total });
  const minutes = total % 60;
  return t('rex.duration', { hours: Math.floor(total / 60), minutes: String(minutes).padStart(2, '0') });
}
