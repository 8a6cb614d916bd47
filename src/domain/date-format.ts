/**
 * Formats a date with Intl, then writes the first of the month the French way: "1er janvier",
 * not "1 janvier" (CLDR writes the cardinal, and Intl has no option for the ordinal). Only a day
 * written before a month's name changes; numeric dates ("01/01/2027") and other languages stay as
 * Intl writes them.
 */
export function formatDate(date: Date, locale: string, options: Intl.DateTimeFormatOptions): string {
  const format = new Intl.DateTimeFormat(locale, options);
  if (!locale.toLowerCase().startsWith('fr')) return format.format(date);
  const parts = format.formatToParts(date);
  return parts
    .map((part, index) =>
      part.type === 'day' && Number(part.value) === 1 && isMonthNameNext(parts, index) ? '1er' : part.value,
    )
    .join('');
}

function isMonthNameNext(parts: Intl.DateTimeFormatPart[], index: number): boolean {
  const next = parts.slice(index + 1).find((part) => part.type !== 'literal');
  return next?.type === 'month' && !/^\d+$/.test(next.value);
}
