import type { MailMessage } from './mailer.ts';

type Locale = 'fr' | 'en';

const texts = {
  magicLink: {
    fr: {
      subject: 'Votre lien de connexion à Archipel',
      body: (url: string) =>
        `Bonjour,\n\nPour vous connecter à Archipel, ouvrez ce lien (valable 15 minutes, une seule fois) :\n${url}\n\nSi vous n'avez rien demandé, ignorez ce message.\n`,
    },
    en: {
      subject: 'Your Archipel sign-in link',
      body: (url: string) =>
        `Hello,\n\nTo sign in to Archipel, open this link (valid for 15 minutes, once):\n${url}\n\nIf you did not ask for it, ignore this message.\n`,
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
} as const;

export function magicLinkMail(to: string, url: string, locale: Locale): MailMessage {
  const t = texts.magicLink[locale];
  return { to, subject: t.subject, text: t.body(url) };
}

export function passwordResetMail(to: string, url: string, locale: Locale): MailMessage {
  const t = texts.passwordReset[locale];
  return { to, subject: t.subject, text: t.body(url) };
}
