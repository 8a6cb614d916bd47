import type { MailMessage } from './mailer.ts';

type Locale = 'fr' | 'en';

const texts = {
  fr: {
    subject: (circle: string) => `Une place s'est libérée : vous rejoignez « ${circle} »`,
    body: (name: string, circle: string, url: string) =>
      `Bonjour ${name},\n\nUne place s'est libérée dans le cercle « ${circle} » : vous étiez en liste d'attente, vous en êtes maintenant membre.\n\nRetrouvez le cercle ici :\n${url}\n\nSi vous ne souhaitez plus y participer, vous pouvez quitter le cercle depuis cette page : votre place ira à la personne suivante.\n`,
  },
  en: {
    subject: (circle: string) => `A place opened up: you are now in "${circle}"`,
    body: (name: string, circle: string, url: string) =>
      `Hello ${name},\n\nA place opened up in the circle "${circle}": you were on the waitlist and are now a member.\n\nFind the circle here:\n${url}\n\nIf you no longer wish to take part, you can leave the circle from that page: your place will go to the next person.\n`,
  },
} as const;

export function waitlistPromotionMail(
  to: { email: string; name: string; locale: Locale },
  circle: { name: string; url: string },
): MailMessage {
  const t = texts[to.locale];
  return { to: to.email, subject: t.subject(circle.name), text: t.body(to.name, circle.name, circle.url) };
}
