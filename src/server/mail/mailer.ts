import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import nodemailer from 'nodemailer';
import type { DB } from '../db/schema.ts';

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
 * and the log prints it, so magic links work on a zero-configuration install.
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
      const headers = { ...message.headers, ...(message.messageId && { 'Message-ID': message.messageId }) };
      await options.db
        .insertInto('outboxMessages')
        .values({
          id: randomUUID(),
          toAddress: message.to,
          subject: message.subject,
          textBody: message.text,
          htmlBody: message.html ?? null,
          headers: Object.keys(headers).length > 0 ? JSON.stringify(headers) : null,
          attachmentNames: message.attachments?.length
            ? JSON.stringify(message.attachments.map((a) => a.filename))
            : null,
          createdAt: new Date().toISOString(),
        })
        .execute();
      options.log(`outbox: mail to ${message.to}: ${message.subject}\n${message.text}`);
    },
  };
}

/** The bare address of a From header such as `Archipel <no-reply@example.org>`. */
export function addressOf(from: string): string {
  const match = /<([^>]+)>/.exec(from);
  return (match?.[1] ?? from).trim();
}
