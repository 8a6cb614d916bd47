import type { MailMessage } from './mailer.ts';

type Locale = 'fr' | 'en';

/**
 * Account mails: each carries a link that acts for its recipient (signs in, resets the password,
 * proves the address). They are `confidential`: only the recipient may ever read them, so the
 * outbox keeps their envelope and not their content (see mailer.ts).
 */
const texts = {
  magicLink: {
    fr: {
      subject: 'Votre lien de connexion à Archipel',
      body: (url: string) =>
        `Bonjour,\n\nPour vous connecter à Archipel, ouvrez ce lien puis appuyez sur « Me connecter » (valable 15 minutes, une seule fois) :\n${url}\n\nSi vous n'avez rien demandé, ignorez ce message.\n`,
    },
    en: {
      subject: 'Your Archipel sign-in link',
      body: (url: string) =>
        `Hello,\n\nTo sign in to Archipel, open this link and press "Sign me in" (valid for 15 minutes, once):\n${url}\n\nIf you did not ask for it, ignore this message.\n`,
    },
  },
  passwordReset: {
    fr: {
      subject: 'Réinitialiser votre mot de passe Archipel',
      body: (url: string) =>
        `Bonjour,\n\nPour choisir un nouveau mot de passe, ouvrez ce lien (valable 1 heure) :\n${url}\n\nSi vous n'avez rien demandé, ignorez ce message : votre mot de passe reste inchangé.\n`,
    },
    en: {
      subject: 'Reset your Archipel password',
      body: (url: string) =>
        `Hello,\n\nTo choose a new password, open this link (valid for 1 hour):\n${url}\n\nIf you did not ask for it, ignore this message: your password stays unchanged.\n`,
    },
  },
  addressCheck: {
    fr: {
      subject: 'Confirmez votre adresse pour Archipel',
      body: (url: string) =>
        `Bonjour,\n\nUn compte Archipel vient d'être créé avec cette adresse. Si c'est vous, confirmez-la : ouvrez ce lien puis appuyez sur « Confirmer mon adresse » (valable 24 heures) :\n${url}\n\nSi vous n'avez pas créé ce compte, ne confirmez rien et ignorez ce message.\n`,
    },
    en: {
      subject: 'Confirm your address for Archipel',
      body: (url: string) =>
        `Hello,\n\nAn Archipel account was just created with this address. If it was you, confirm it: open this link and press "Confirm my address" (valid for 24 hours):\n${url}\n\nIf you did not create this account, confirm nothing and ignore this message.\n`,
    },
  },
} as const;

function accountMail(to: string, url: string, t: { subject: string; body: (url: string) => string }) {
  return { to, subject: t.subject, text: t.body(url), confidential: true, link: url } satisfies MailMessage;
}

export function magicLinkMail(to: string, url: string, locale: Locale): MailMessage {
  return accountMail(to, url, texts.magicLink[locale]);
}

export function passwordResetMail(to: string, url: string, locale: Locale): MailMessage {
  return accountMail(to, url, texts.passwordReset[locale]);
}

export function addressCheckMail(to: string, url: string, locale: Locale): MailMessage {
  return accountMail(to, url, texts.addressCheck[locale]);
}
