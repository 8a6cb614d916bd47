import type { Kysely } from 'kysely';
import { z } from 'zod';
import { toBool } from '../../db/columns.ts';
import type { DB } from '../../db/schema.ts';
import type { JobContext } from '../../jobs/job-runner.ts';
import { deliverOnce, findRecipient, type MailDeps } from '../../mail/mail-delivery.ts';
import { mailText } from '../../mail/mail-i18n.ts';
import type { MailBlock } from '../../mail/mail-layout.ts';
import type { Locale, TemplateOutput } from '../../mail/mail-templates.ts';
import { newsletterSubject } from '../../mail/unsubscribe-token.ts';
import { defineJob } from '../feature-descriptor.ts';
import { markdownToHtml, markdownToText } from './newsletter-markdown.ts';

export const newsletterMailKind = 'mail.newsletter';

export interface LetterContent {
  id: string;
  subject: string;
  body: string;
  communityName: string;
  items: readonly { text: string; sessionTitle: string; circleName: string }[];
}

/** The letter as mailed: its Markdown, then the chosen items under "À communiquer", then its page. */
export function newsletterMail(locale: Locale, letter: LetterContent, publicUrl: string): TemplateOutput {
  const t = mailText(locale);
  const blocks: MailBlock[] = [
    { kind: 'paragraph', text: t('newsletter.from', { community: letter.communityName }) },
  ];
  if (letter.body.trim()) {
    blocks.push({ kind: 'markup', html: markdownToHtml(letter.body), text: markdownToText(letter.body) });
  }
  if (letter.items.length > 0) {
    blocks.push({ kind: 'heading', text: t('newsletter.items') });
    blocks.push({
      kind: 'list',
      items: letter.items.map((item) => ({
        text: t('newsletter.item', { text: item.text, circle: item.circleName, session: item.sessionTitle }),
      })),
    });
  }
  blocks.push({ kind: 'button', label: t('newsletter.read'), url: `${publicUrl}/newsletters/${letter.id}` });
  return {
    subject: letter.subject,
    blocks,
    reason: t('newsletter.reason', { community: letter.communityName }),
  };
}

/** A sent letter with what its mail shows, or undefined (deleted, or not sent). */
export async function findSentLetter(db: Kysely<DB>, newsletterId: string) {
  const row = await db
    .selectFrom('newsletters as n')
    .innerJoin('communities as c', 'c.id', 'n.communityId')
    .select(['n.id', 'n.subject', 'n.body', 'n.status', 'n.communityId', 'c.name as communityName'])
    .where('n.id', '=', newsletterId)
    .where('n.status', '=', 'sent')
    .executeTakeFirst();
  if (!row) return undefined;
  const items = await db
    .selectFrom('newsletterItems')
    .select(['text', 'sessionTitle', 'circleName'])
    .where('newsletterId', '=', newsletterId)
    .orderBy('position')
    .execute();
  return { ...row, items };
}

/** Still an active member who accepts newsletters, checked as the mail is sent. */
async function stillAccepts(db: Kysely<DB>, communityId: string, userId: string): Promise<boolean> {
  const row = await db
    .selectFrom('communityMembers as m')
    .innerJoin('users as u', 'u.id', 'm.userId')
    .select(['u.newsletters', 'u.isPlaceholder'])
    .where('m.communityId', '=', communityId)
    .where('m.userId', '=', userId)
    .where('m.status', '=', 'active')
    .executeTakeFirst();
  return row !== undefined && toBool(row.newsletters) && !toBool(row.isPlaceholder);
}

async function sendLetter(deps: MailDeps, newsletterId: string, userId: string, context: JobContext) {
  const letter = await findSentLetter(deps.db, newsletterId);
  if (!letter || !(await stillAccepts(deps.db, letter.communityId, userId))) return;
  const recipient = await findRecipient(deps.db, userId);
  if (!recipient) return;
  // The mail preference ("none") is applied by deliverOnce's category.
  await deliverOnce(deps, {
    key: context.job.key ?? `job:${context.job.id}`,
    jobId: context.job.id,
    recipient,
    category: 'newsletter',
    content: newsletterMail(recipient.locale, letter, deps.publicUrl),
    unsubscribeSubject: newsletterSubject(userId),
    unsubscribeLabel: mailText(recipient.locale)('newsletter.unsubscribe'),
  });
}

/**
 * One recipient's copy of a sent letter. Checked when it is sent: the person left the community,
 * turned newsletters off or chose no mail since the letter was sent → no mail.
 */
export const newsletterMailJob = defineJob({
  kind: newsletterMailKind,
  payload: z.object({ newsletterId: z.string().min(1).max(100), userId: z.string().min(1).max(100) }),
  handle: ({ newsletterId, userId }, context, { mail }) => sendLetter(mail, newsletterId, userId, context),
});
