import type { OptionResult, PollResults } from '../../../contract/poll.ts';
import { neutraliseFormula } from '../../../domain/poll.ts';

/**
 * One row per option: its section (sections polls), its text, the count and the figures of its kind.
 * Every text cell is neutralised: an option typed as "=HYPERLINK(…)" stays text in a spreadsheet.
 */
export function resultsCsvRows(results: PollResults): string[][] {
  const extra = results.kind === 'ranking' ? ['borda'] : results.kind === 'score' ? ['total', 'average'] : [];
  const header = ['section', 'option', 'count', ...extra];
  const figures = (option: OptionResult) =>
    results.kind === 'ranking'
      ? [String(option.borda ?? 0)]
      : results.kind === 'score'
        ? [
            String(option.total ?? 0),
            option.average === null || option.average === undefined ? '' : String(option.average),
          ]
        : [];
  const row = (section: string, option: OptionResult) =>
    [section, option.text, String(option.count), ...figures(option)].map(neutraliseFormula);
  const body = results.sections
    ? results.sections.flatMap((section) => section.options.map((option) => row(section.title, option)))
    : (results.options ?? []).map((option) => row('', option));
  return [header, ...body, ['voters', '', String(results.voters), ...extra.map(() => '')]];
}
