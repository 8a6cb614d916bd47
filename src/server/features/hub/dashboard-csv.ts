import type { CommunityDashboard, DashboardFigures } from '../../../contract/hub.ts';
import { neutraliseFormula } from '../../../domain/poll.ts';

const header = [
  'scope',
  'name',
  'from',
  'to',
  'sessions_held',
  'people_active',
  'present',
  'listed',
  'attendance_rate',
  'steps_due',
  'steps_done_on_time',
  'steps_on_time_rate',
  'surveys_counted',
  'surveys_withheld',
  'survey_score',
];

/**
 * The dashboard as CSV rows: one per circle, per territory, then the community's total. Names are
 * neutralised (a circle named "=HYPERLINK(…)" stays text); with `decimalComma` (the semicolon
 * separator of French spreadsheets) decimals are written 0,75.
 */
export function dashboardCsvRows(dashboard: CommunityDashboard, decimalComma: boolean): string[][] {
  const number = (n: number | null) =>
    n === null ? '' : decimalComma ? String(n).replace('.', ',') : String(n);
  const row = (scope: string, name: string, f: DashboardFigures) => [
    scope,
    neutraliseFormula(name),
    dashboard.from,
    dashboard.to,
    number(f.sessionsHeld),
    number(f.peopleActive),
    number(f.attendance.present),
    number(f.attendance.listed),
    number(f.attendance.rate),
    number(f.steps.due),
    number(f.steps.doneOnTime),
    number(f.steps.rate),
    number(f.surveys.counted),
    number(f.surveys.withheld),
    number(f.surveys.score),
  ];
  return [
    header,
    ...dashboard.circles.map((c) => row('circle', c.circle.name, c)),
    ...dashboard.territories.map((t) => row('territory', t.code, t)),
    row('community', dashboard.community.name, dashboard.total),
  ];
}
