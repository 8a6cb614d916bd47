import { type Locale, mailText } from './mail-i18n.ts';
import type { MailMessage } from './mailer.ts';

/**
 * Account mails: each carries a link that acts for its recipient (signs in, resets the password,
 * proves the address). They are `confidential`: only the recipient may ever read them, so the
 * outbox keeps their envelope and not their content (see mailer.ts).
 */
function accountMail(
  to: string,
  url: string,
  locale: Locale,
  kind: 'magicLink' | 'passwordReset' | 'addressCheck',
): MailMessage {
  const t = mailText(locale);
  return {
    to,
    subject: t(`account.${kind}.subject`),
    text: t(`account.${kind}.body`, { url }),
    confidential: true,
    link: url,
  };
}

export function magicLinkMail(to: string, url: string, locale: Locale): MailMessage {
  return accountMail(to, url, locale, 'magicLink');
}

export function passwordResetMail(to: string, url: string, locale: Locale): MailMessage {
  return accountMail(to, url, locale, 'passwordReset');
}

export function addressCheckMail(to: string, url: string, locale: Locale): MailMessage {
  return accountMail(to, url, locale, 'addressCheck');
}
