import { useTranslation } from 'react-i18next';
import type { SessionSummary } from '../../../contract/session.ts';
import { differsFromViewer, formatRange, formatTime, placeUrl } from './session-time.ts';
import styles from './session-when.module.css';

/** The session's date and times in the reader's zone, and in the session's when they differ. */
export function SessionWhen({
  session,
}: {
  session: Pick<SessionSummary, 'startsAt' | 'endsAt' | 'timeZone'>;
}) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const other = differsFromViewer(session.startsAt, session.timeZone);
  return (
    <span className={styles.when}>
      <time dateTime={session.startsAt}>{formatRange(session.startsAt, session.endsAt, locale)}</time>
      {other ? (
        <span className={styles.zone}>
          {t('session.inZone', {
            start: formatTime(session.startsAt, locale, session.timeZone),
            end: formatTime(session.endsAt, locale, session.timeZone),
            zone: session.timeZone,
          })}
        </span>
      ) : null}
    </span>
  );
}

/** The place: a link when it is a visio URL, plain words for a room. */
export function SessionPlace({ place }: { place: string }) {
  const { t } = useTranslation();
  if (!place) return null;
  const url = placeUrl(place);
  return (
    <span className={styles.place}>
      <span className={styles.placeLabel}>{t('session.place')}</span>{' '}
      {url ? (
        <a href={url} target="_blank" rel="noopener noreferrer">
          {place}
          <span className="visually-hidden">{t('session.newWindow')}</span>
        </a>
      ) : (
        place
      )}
    </span>
  );
}
