import { useTranslation } from 'react-i18next';
import type { CommunityDashboard, DashboardFigures } from '../../../contract/hub.ts';
import { BarChart } from '../../components/bar-chart.tsx';
import styles from './hub.module.css';

type Row = DashboardFigures & { circle: { id: string; name: string } };

interface ChartSpec {
  title: string;
  value: (row: Row) => number | null;
  max?: number;
}

const percent = (rate: number | null) => (rate === null ? null : Math.round(rate * 1000) / 10);

/**
 * One chart per figure, a bar per circle (circles without that figure left out, e.g. no attendance
 * taken); each chart is an SVG image with its numbers as a table (components/bar-chart.tsx).
 */
export function DashboardCharts({ dashboard }: { dashboard: CommunityDashboard }) {
  const { t, i18n } = useTranslation();
  const format = new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 1 }).format;
  const specs: ChartSpec[] = [
    { title: t('hub.dashboard.sessionsChart'), value: (row) => row.sessionsHeld },
    { title: t('hub.dashboard.peopleChart'), value: (row) => row.peopleActive },
    { title: t('hub.dashboard.attendanceChart'), value: (row) => percent(row.attendance.rate), max: 100 },
    { title: t('hub.dashboard.stepsChart'), value: (row) => percent(row.steps.rate), max: 100 },
    { title: t('hub.dashboard.surveyChart'), value: (row) => row.surveys.score, max: 100 },
  ];
  return (
    <div className={styles.charts}>
      {specs.map((spec) => {
        const bars = dashboard.circles
          .map((row) => ({ label: row.circle.name, value: spec.value(row) }))
          .filter((bar): bar is { label: string; value: number } => bar.value !== null);
        if (bars.length === 0) return null;
        return (
          <BarChart
            key={spec.title}
            title={spec.title}
            tableCaption={spec.title}
            labelHeader={t('hub.dashboard.circle')}
            valueHeader={t('hub.dashboard.value')}
            bars={bars}
            {...(spec.max !== undefined && { max: spec.max })}
            valueFormat={format}
          />
        );
      })}
    </div>
  );
}
