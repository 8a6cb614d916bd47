import { strToU8, zipSync } from 'fflate';
import { asLocale, type Locale, type MailKey, mailText } from '../../mail/mail-i18n.ts';
import type { ExportData, ExportRow } from './account-export.ts';

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** Identifiers say nothing to a reader: the JSON keeps them, the page does not. */
const hiddenColumns = new Set(['id', 'circleId', 'sessionId']);

function table(rows: ExportRow[], t: ReturnType<typeof mailText>): string {
  const first = rows[0];
  if (!first) return `<p>${escapeHtml(t('myData.empty'))}</p>`;
  const keys = Object.keys(first).filter((key) => !hiddenColumns.has(key));
  // A column without a label (a section added later) is named by its key, split into words.
  const label = (key: string) => {
    const text = t(`myData.columns.${key}` as MailKey);
    return text === `myData.columns.${key}` ? key.replace(/([A-Z])/g, ' $1').toLowerCase() : text;
  };
  const head = keys.map((key) => `<th scope="col">${escapeHtml(label(key))}</th>`).join('');
  const body = rows
    .map((row) => `<tr>${keys.map((key) => `<td>${escapeHtml(String(row[key] ?? ''))}</td>`).join('')}</tr>`)
    .join('\n');
  return `<table><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

/**
 * The export as one page a person can read offline: every text escaped, no script, no outside
 * resource, and a Content-Security-Policy that forbids both should a browser open it from a server.
 */
export function exportHtml(data: ExportData, localeOf: unknown): string {
  const locale: Locale = asLocale(localeOf);
  const t = mailText(locale);
  const date = new Intl.DateTimeFormat(t('dateLocale'), { dateStyle: 'long', timeStyle: 'short' }).format(
    new Date(data.generatedAt),
  );
  const sections = Object.entries(data.sections)
    .map(([name, rows]) => {
      const title = t(`myData.sections.${name}` as MailKey);
      return `<section><h2>${escapeHtml(title)}</h2>\n${table(rows, t)}</section>`;
    })
    .join('\n');
  return `<!doctype html>
<html lang="${locale}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(t('myData.title'))}</title>
<style>
body{font-family:system-ui,sans-serif;margin:2rem auto;max-width:72rem;padding:0 1rem;color:#1b1b1b;line-height:1.5}
table{border-collapse:collapse;width:100%;margin-bottom:1rem;font-size:.9rem}
th,td{border:1px solid #bbb;padding:.25rem .5rem;text-align:left;vertical-align:top}
td{overflow-wrap:anywhere}
th{background:#eef}
</style>
</head>
<body>
<main>
<h1>${escapeHtml(t('myData.title'))}</h1>
<p>${escapeHtml(t('myData.intro', { date }))}</p>
${sections}
</main>
</body>
</html>
`;
}

/** The ZIP: `archipel-export.json` for programs, `index.html` for people. */
export function exportZip(data: ExportData, locale: unknown): Uint8Array {
  return zipSync(
    {
      'archipel-export.json': strToU8(`${JSON.stringify(data, null, 2)}\n`),
      'index.html': strToU8(exportHtml(data, locale)),
    },
    { level: 6, mtime: new Date(data.generatedAt) },
  );
}
