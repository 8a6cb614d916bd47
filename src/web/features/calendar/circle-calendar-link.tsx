import { useTranslation } from 'react-i18next';
import type { Circle } from '../../../contract/circle.ts';
import { CopyField } from '../../components/copy-field.tsx';
import { circleCalendarUrl } from './calendar-api.ts';
import styles from './session-calendar.module.css';

/** A public circle's calendar feed, to paste into any calendar. Other circles have none. */
export function CircleCalendarLink({ circle }: { circle: Pick<Circle, 'id' | 'visibility'> }) {
  const { t } = useTranslation();
  if (circle.visibility !== 'public') return null;
  const url = new URL(circleCalendarUrl(circle.id), window.location.origin).href;
  return (
    <div className={styles.circleFeed}>
      <CopyField label={t('calendar.circleFeed.link')} value={url} />
      <p className={styles.hint}>{t('calendar.circleFeed.hint')}</p>
    </div>
  );
}
