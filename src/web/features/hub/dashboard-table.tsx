import { useTranslation } from 'react-i18next';
import type { ScopeFigures } from '../../../contract/hub.ts';
import styles from './hub.module.css';

/** `peopleActive` null: a total's or territory's people still being counted (their own request). */
export interface FigureLine extends ScopeFigures {
  key: string;
  label: string;
}

/** Every figure of each line (circle, territory, total), in words as well as numbers. */
export function DashboardTable({
  caption,
  header,
  lines,
}: {
  caption: string;
  header: string;
  lines: FigureLine[];
}) {
  const { t, i18n } = useTranslation();
  const pct = new Intl.NumberFormat(i18n.language, { style: 'percent', maximumFractionDigits: 1 }).format;
  const num = new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 1 }).format;
  const none = t('hub.dashboard.none');
  const headers = [
    t('hub.dashboard.sessionsHeld'),
    t('hub.dashboard.peopleActive'),
    t('hub.dashboard.attendance'),
    t('hub.dashboard.stepsOnTime'),
    t('hub.dashboard.surveyScore'),
  ];
  return (
    // Focusable so that a keyboard can scroll a table wider than a phone (it names itself by caption).
    // biome-ignore lint/a11y/noNoninteractiveTabindex: scrollable regions must be reachable by keyboard (WCAG 2.1.1).
    <section className={styles.tableWrap} tabIndex={0} aria-label={caption}>
      <table className={styles.table}>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{header}</th>
            {headers.map((label) => (
              <th scope="col" key={label} className={styles.number}>
                {label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {lines.map((line) => (
            <tr key={line.key}>
              <th scope="row">{line.label}</th>
              <td className={styles.number}>{line.sessionsHeld}</td>
              <td className={styles.number}>
                {line.peopleActive ?? (
                  <>
                    <span aria-hidden="true">…</span>
                    <span className="visually-hidden">{t('hub.dashboard.counting')}</span>
                  </>
                )}
              </td>
              <td className={styles.number}>
                {line.attendance.rate === null ? none : pct(line.attendance.rate)}
                <span className={styles.detail}>
                  {t('hub.dashboard.ofListed', {
                    present: line.attendance.present,
                    listed: line.attendance.listed,
                  })}
                </span>
              </td>
              <td className={styles.number}>
                {line.steps.rate === null ? none : pct(line.steps.rate)}
                {line.steps.due > 0 ? (
                  <span className={styles.detail}>
                    {t('hub.dashboard.ofDue', { done: line.steps.doneOnTime, due: line.steps.due })}
                  </span>
                ) : null}
              </td>
              <td className={styles.number}>
                {line.surveys.score === null ? none : num(line.surveys.score)}
                {line.surveys.withheld > 0 ? (
                  <span className={styles.detail}>
                    {t('hub.dashboard.withheld', { count: line.surveys.withheld })}
                  </span>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
