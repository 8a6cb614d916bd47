import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import nodemailer from 'nodemailer';
import type { DB } from '../db/schema.ts';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
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
        await transporter.sendMail({ from: options.from, ...message });
      },
    };
  }
  return {
    transport: 'outbox',
    async send(message) {
      await options.db
        .insertInto('outboxMessages')
        .values({
          id: randomUUID(),
          toAddress: message.to,
          subject: message.subject,
          textBody: message.text,
          createdAt: new Date().toISOString(),
        })
        .execute();
      options.log(`outbox: mail to ${message.to}: ${message.subject}\n${message.text}`);
    },
  };
}
