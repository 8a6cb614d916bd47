import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import nodemailer from 'nodemailer';
import type { DB } from '../db/schema.ts';
import { redactUrl } from '../http/log-redaction.ts';

export interface MailAttachment {
  filename: string;
  content: string | Buffer;
  contentType: string;
}

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html?: string | undefined;
  /** Extra headers, e.g. List-Unsubscribe. */
  headers?: Record<string, string> | undefined;
  attachments?: MailAttachment[] | undefined;
  /** `<id@host>`; set by the delivery log so a resend after a crash carries the same one. */
  messageId?: string | undefined;
  /**
   * An account mail (sign-in, password reset, address check): its link acts as the recipient, so
   * nobody else may read it, instance admins included.
   */
  confidential?: boolean | undefined;
  /** The link an account mail exists to deliver (the operator's command prints it). */
  link?: string | undefined;
}

export interface Mailer {
  /** Resolves once the message is accepted by the SMTP server, or stored in the outbox. */
  send(message: MailMessage): Promise<void>;
  readonly transport: 'smtp' | 'outbox';
}

interface MailerOptions {
  smtpUrl?: string | undefined;
  from: string;
  db: Kysely<DB>;
  log: (message: string) => void;
}

/**
 * Real SMTP when configured. Otherwise mail lands in the outbox table that instance admins read,
 * as they may see it: an account mail keeps only its envelope (to, subject, date), and other mails
 * lose the secret links they carry (unsubscribe, a poll's share link, guest edit links), which
 * would let an admin act for their recipient or open a private circle's poll. The log names the
 * recipient and subject only. Without SMTP, people get sign-in links from the operator
 * (`archipel sign-in-link <address>`, on the machine).
 */
export function createMailer(options: MailerOptions): Mailer {
  if (options.smtpUrl) {
    const transporter = nodemailer.createTransport(options.smtpUrl);
    return {
      transport: 'smtp',
      async send(message) {
        await transporter.sendMail({
          from: options.from,
          to: message.to,
          subject: message.subject,
          text: message.text,
          html: message.html,
          headers: message.headers,
          messageId: message.messageId,
          attachments: message.attachments?.map((a) => ({
            filename: a.filename,
            content: a.content,
            contentType: a.contentType,
          })),
        });
      },
    };
  }
  return {
    transport: 'outbox',
    async send(message) {
      const withheld = message.confidential === true;
      const headers = Object.fromEntries(
        Object.entries({
          ...message.headers,
          ...(message.messageId && { 'Message-ID': message.messageId }),
        }).map(([name, value]) => [name, redactUrl(value)]),
      );
      await options.db
        .insertInto('outboxMessages')
        .values({
          id: randomUUID(),
          toAddress: message.to,
          subject: message.subject,
          textBody: withheld ? '' : redactUrl(message.text),
          htmlBody: withheld || message.html === undefined ? null : redactUrl(message.html),
          headers: !withheld && Object.keys(headers).length > 0 ? JSON.stringify(headers) : null,
          attachmentNames: message.attachments?.length
            ? JSON.stringify(message.attachments.map((a) => a.filename))
            : null,
          contentWithheld: withheld,
          createdAt: new Date().toISOString(),
        })
        .execute();
      options.log(`outbox: ${withheld ? 'account mail' : 'mail'} to ${message.to}: ${message.subject}`);
    },
  };
}

/** The bare address of a From header such as `Archipel <no-reply@example.org>`. */
export function addressOf(from: string): string {
  const match = /<([^>]+)>/.exec(from);
  return (match?.[1] ?? from).trim();
}
