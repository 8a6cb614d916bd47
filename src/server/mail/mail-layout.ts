import { mailText } from './mail-i18n.ts';

/** The building blocks of a notification mail, rendered both as HTML and as plain text. */
export type MailBlock =
  | { kind: 'paragraph'; text: string }
  | { kind: 'heading'; text: string }
  | { kind: 'button'; label: string; url: string }
  | { kind: 'list'; items: { text: string; url?: string | undefined }[] }
  /**
   * Rich text already rendered both ways by a renderer that escapes every character of its input
   * and writes only its own tags (newsletters: newsletter-markdown.ts); never raw input.
   */
  | { kind: 'markup'; html: string; text: string };

export interface MailContent {
  locale: 'fr' | 'en';
  subject: string;
  blocks: MailBlock[];
  /** Why this person gets it, and where to stop it (absent on account mails). */
  footer: {
    reason: string;
    unsubscribeLabel?: string;
    unsubscribeUrl?: string;
    /** Left out for people without an account (a poll's guests): they have no preferences. */
    preferencesLabel?: string;
    preferencesUrl?: string;
  };
}

const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );

const colors = { text: '#1f2430', muted: '#5a6170', accent: '#1d4f91', border: '#d8dce4', page: '#f4f5f7' };

function blockToHtml(block: MailBlock): string {
  switch (block.kind) {
    case 'markup':
      return block.html;
    case 'heading':
      return `<h2 style="font-size:18px;margin:24px 0 8px;color:${colors.text}">${escapeHtml(block.text)}</h2>`;
    case 'paragraph':
      return `<p style="margin:0 0 16px;line-height:1.5">${escapeHtml(block.text).replace(/\n/g, '<br>')}</p>`;
    case 'button':
      return `<p style="margin:24px 0"><a href="${escapeHtml(block.url)}" style="display:inline-block;background:${colors.accent};color:#ffffff;text-decoration:underline;padding:12px 20px;border-radius:6px;font-weight:bold">${escapeHtml(block.label)}</a></p>`;
    case 'list':
      return `<ul style="margin:0 0 16px;padding-left:20px;line-height:1.5">${block.items
        .map((item) =>
          item.url
            ? `<li><a href="${escapeHtml(item.url)}" style="color:${colors.accent}">${escapeHtml(item.text)}</a></li>`
            : `<li>${escapeHtml(item.text)}</li>`,
        )
        .join('')}</ul>`;
  }
}

function blockToText(block: MailBlock): string {
  switch (block.kind) {
    case 'markup':
      return block.text;
    case 'heading':
      return `${block.text}\n${'-'.repeat(Math.min(block.text.length, 60))}`;
    case 'paragraph':
      return block.text;
    case 'button':
      return `${block.label}\n${block.url}`;
    case 'list':
      return block.items.map((item) => `- ${item.text}${item.url ? `\n  ${item.url}` : ''}`).join('\n');
  }
}

/**
 * One plain, accessible layout: a single column, real text (no images), the language declared,
 * links that say where they go, enough contrast; the text part says exactly the same thing.
 */
export function renderMail(content: MailContent): { subject: string; html: string; text: string } {
  const { footer } = content;
  const body = content.blocks.map(blockToHtml).join('\n');
  const footerLinks = [
    footer.unsubscribeUrl && footer.unsubscribeLabel
      ? `<a href="${escapeHtml(footer.unsubscribeUrl)}" style="color:${colors.muted}">${escapeHtml(footer.unsubscribeLabel)}</a>`
      : '',
    footer.preferencesUrl && footer.preferencesLabel
      ? `<a href="${escapeHtml(footer.preferencesUrl)}" style="color:${colors.muted}">${escapeHtml(footer.preferencesLabel)}</a>`
      : '',
  ]
    .filter(Boolean)
    .join(' · ');
  const html = `<!doctype html>
<html lang="${content.locale}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(content.subject)}</title></head>
<body style="margin:0;padding:0;background:${colors.page};font-family:Arial,Helvetica,sans-serif;font-size:16px;color:${colors.text}">
<div role="article" aria-roledescription="email" lang="${content.locale}" style="max-width:600px;margin:0 auto;padding:24px 16px">
<div style="background:#ffffff;border:1px solid ${colors.border};border-radius:8px;padding:24px">
<p style="margin:0 0 16px;font-weight:bold;color:${colors.accent}">Archipel</p>
${body}
</div>
<p style="margin:16px 0 0;font-size:13px;line-height:1.5;color:${colors.muted}">${escapeHtml(footer.reason)}<br>${footerLinks}</p>
</div>
</body>
</html>
`;
  const textFooter = [
    footer.reason,
    footer.unsubscribeUrl && footer.unsubscribeLabel
      ? mailText(content.locale)('labelled', { label: footer.unsubscribeLabel, value: footer.unsubscribeUrl })
      : '',
    footer.preferencesUrl && footer.preferencesLabel
      ? mailText(content.locale)('labelled', { label: footer.preferencesLabel, value: footer.preferencesUrl })
      : '',
  ]
    .filter(Boolean)
    .join('\n');
  const text = `${content.blocks.map(blockToText).join('\n\n')}\n\n-- \n${textFooter}\n`;
  return { subject: content.subject, html, text };
}
