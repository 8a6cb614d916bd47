import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { toBool } from '../db/columns.ts';
import type { DB, MailPreference } from '../db/schema.ts';
import { asLocale } from './mail-i18n.ts';
import { renderMail } from './mail-layout.ts';
import { footerLabels, type Locale, type TemplateOutput } from './mail-templates.ts';
import { addressOf, type MailAttachment, type Mailer } from './mailer.ts';
import { createUnsubscribeToken } from './unsubscribe-token.ts';

export interface MailDeps {
  db: Kysely<DB>;
  mailer: Mailer;
  publicUrl: string;
  mailFrom: string;
  /** The auth secret: signs unsubscribe links. */
  secret: string;
}

export interface Recipient {
  id: string;
  email: string;
  name: string;
  locale: Locale;
  mailPreference: MailPreference;
  /** A poll's guest: `id` is guestSubject(responseId), there is no profile to link to. */
  guest?: boolean;
  /** Read when the mail is sent: what the mail names is checked against what they may see now. */
  isAdmin: boolean;
}

/**
 * account: always sent; notification: only with "all"; digest: with "all" or "digest";
 * newsletter: like the digest (a rare letter, not a notification), and only while the person's
 * newsletter preference is on, which its handler reads.
 */
export type MailCategory = 'account' | 'notification' | 'digest' | 'newsletter';

export function allowsMail(preference: MailPreference, category: MailCategory): boolean {
  if (category === 'account') return true;
  if (category === 'digest' || category === 'newsletter') return preference !== 'none';
  return preference === 'all';
}

export async function findRecipient(db: Kysely<DB>, userId: string): Promise<Recipient | undefined> {
  const row = await db
    .selectFrom('users')
    .select(['id', 'email', 'name', 'locale', 'mailPreference', 'isAdmin'])
    .where('id', '=', userId)
    // An erased account (decision 040) is nobody to write to.
    .where('deletedAt', 'is', null)
    // Nor is a guest by a code (decision 051): no address, only a reserved placeholder one.
    .where('email', 'not like', '%@guest.invalid')
    .executeTakeFirst();
  return row && { ...row, isAdmin: toBool(row.isAdmin), locale: asLocale(row.locale) };
}

/** Same key, same Message-ID: a receiving system can recognise a resend as the same message. */
export function messageIdFor(key: string, publicUrl: string): string {
  return `<${createHash('sha256').update(key).digest('hex').slice(0, 40)}@${new URL(publicUrl).hostname}>`;
}

export function unsubscribeUrl(deps: Pick<MailDeps, 'publicUrl' | 'secret'>, userId: string): string {
  return `${deps.publicUrl}/unsubscribe/${createUnsubscribeToken(deps.secret, userId)}`;
}

/**
 * RFC 2369 + RFC 8058: an https link that unsubscribes in one POST, and a mailto when the sender
 * address is one a person reads (never to a no-reply box, where the request would be lost).
 */
export function listUnsubscribeHeaders(
  deps: Pick<MailDeps, 'publicUrl' | 'secret' | 'mailFrom'>,
  userId: string,
) {
  const from = addressOf(deps.mailFrom);
  const mailto =
    /^no-?reply@/i.test(from) || !from.includes('@') ? '' : `, <mailto:${from}?subject=unsubscribe>`;
  return {
    'List-Unsubscribe': `<${unsubscribeUrl(deps, userId)}>${mailto}`,
    'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
  };
}

export type DeliveryOutcome = 'sent' | 'already-sent' | 'skipped';

/**
 * Sends one mail at most once per idempotency key. The delivery row is written before the SMTP
 * conversation and marked sent right after the server accepts the message; a retried job finds it
 * sent and stops. The one remaining window: the process dies after the SMTP server accepted the
 * message and before the row is marked (a few milliseconds); the retry then sends it again with
 * the same Message-ID, which lets mail systems recognise the duplicate.
 */
export async function deliverOnce(
  deps: MailDeps,
  input: {
    key: string;
    jobId?: string | undefined;
    recipient: Recipient;
    category: MailCategory;
    content: TemplateOutput;
    attachments?: MailAttachment[] | undefined;
    /** What the unsubscribe link names instead of the recipient (a newsletter's link stops only newsletters). */
    unsubscribeSubject?: string | undefined;
    /** Says what that link stops, when it is not every mail. */
    unsubscribeLabel?: string | undefined;
  },
): Promise<DeliveryOutcome> {
  const { db } = deps;
  const { recipient, category, content } = input;
  const allowed = allowsMail(recipient.mailPreference, category);
  const messageId = messageIdFor(input.key, deps.publicUrl);
  await db
    .insertInto('mailDeliveries')
    .values({
      idempotencyKey: input.key,
      jobId: input.jobId ?? null,
      toAddress: recipient.email,
      subject: content.subject,
      messageId,
      status: allowed ? 'sending' : 'skipped',
      createdAt: new Date().toISOString(),
    })
    .onConflict((oc) => oc.column('idempotencyKey').doNothing())
    .execute();
  const row = await db
    .selectFrom('mailDeliveries')
    .select(['status', 'messageId'])
    .where('idempotencyKey', '=', input.key)
    .executeTakeFirstOrThrow();
  if (row.status === 'sent') return 'already-sent';
  if (row.status === 'skipped') return 'skipped';

  const isAccount = category === 'account';
  const unsubscribeAs = input.unsubscribeSubject ?? recipient.id;
  const labels = footerLabels[recipient.locale];
  const rendered = renderMail({
    locale: recipient.locale,
    subject: content.subject,
    blocks: content.blocks,
    footer: {
      reason: content.reason,
      ...(!recipient.guest && {
        preferencesLabel: labels.preferences,
        preferencesUrl: `${deps.publicUrl}/profile`,
      }),
      ...(!isAccount && {
        unsubscribeLabel: input.unsubscribeLabel ?? labels.unsubscribe,
        unsubscribeUrl: unsubscribeUrl(deps, unsubscribeAs),
      }),
    },
  });
  await deps.mailer.send({
    to: recipient.email,
    subject: rendered.subject,
    text: rendered.text,
    html: rendered.html,
    messageId: row.messageId,
    headers: {
      'Content-Language': recipient.locale,
      'Auto-Submitted': 'auto-generated',
      ...(!isAccount && listUnsubscribeHeaders(deps, unsubscribeAs)),
    },
    attachments: input.attachments,
  });
  await db
    .updateTable('mailDeliveries')
    .set({ status: 'sent', sentAt: new Date().toISOString() })
    .where('idempotencyKey', '=', input.key)
    .execute();
  return 'sent';
}
