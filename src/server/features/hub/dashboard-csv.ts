import type { CommunityDashboard, ScopeFigures } from '../../../contract/hub.ts';
import { neutraliseFormula } from '../../../domain/poll.ts';
import { findTerritory } from '../../../domain/territories.ts';
import { type Locale, mailText } from '../../mail/mail-i18n.ts';

const columns = [
  'scope',
  'name',
  'from',
  'to',
  'sessionsHeld',
  'peopleActive',
  'present',
  'listed',
  'attendanceRate',
  'stepsDue',
  'stepsDoneOnTime',
  'stepsOnTimeRate',
  'surveysCounted',
  'surveysWithheld',
  'surveyScore',
] as const;

/** "33 – Gironde", "R75 – Nouvelle-Aquitaine": the code a table sorts by and the name one reads. */
const territoryName = (code: string) => {
  const territory = findTerritory(code);
  return territory ? `${code} – ${territory.name}` : code;
};

/**
 * The dashboard as CSV rows: one per circle, per territory, then the community's total, headed and
 * labelled in the reader's language (it is opened in a spreadsheet, not parsed). Names are
 * neutralised (a circle named "=HYPERLINK(…)" stays text); with `decimalComma` (the semicolon
 * separator of French spreadsheets) decimals are written 0,75.
 */
export function dashboardCsvRows(
  dashboard: CommunityDashboard,
  decimalComma: boolean,
  locale: Locale,
): string[][] {
  const t = mailText(locale);
  const number = (n: number | null) =>
    n === null ? '' : decimalComma ? String(n).replace('.', ',') : String(n);
  const row = (scope: string, name: string, f: ScopeFigures) => [
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
    columns.map((column) => t(`dashboardCsv.columns.${column}`)),
    ...dashboard.circles.map((c) => row(t('dashboardCsv.scopes.circle'), c.circle.name, c)),
    ...dashboard.territories.map((territory) =>
      row(t('dashboardCsv.scopes.territory'), territoryName(territory.code), territory),
    ),
    row(t('dashboardCsv.scopes.community'), dashboard.community.name, dashboard.total),
  ];
}
