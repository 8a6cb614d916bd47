import type { AppContext } from '../../app-context.ts';
import type { MailMessage } from '../../mail/mailer.ts';

type Locale = 'fr' | 'en';

const texts = {
  fr: {
    subject: (topic: string) => `Une place s'est libérée : vous êtes inscrit·e à « ${topic} »`,
    body: (name: string, topic: string, sheet: string, url: string) =>
      `Bonjour ${name},\n\nUne place s'est libérée sur « ${topic} » (feuille d'inscription « ${sheet} ») : vous étiez en liste d'attente, votre inscription est maintenant confirmée.\n\nRetrouvez la feuille ici :\n${url}\n\nSi vous ne pouvez plus y participer, retirez votre inscription depuis cette page : votre place ira à la personne suivante.\n`,
  },
  en: {
    subject: (topic: string) => `A place opened up: you are signed up for "${topic}"`,
    body: (name: string, topic: string, sheet: string, url: string) =>
      `Hello ${name},\n\nA place opened up on "${topic}" (sign-up sheet "${sheet}"): you were on the waitlist and your sign-up is now confirmed.\n\nFind the sheet here:\n${url}\n\nIf you can no longer take part, withdraw from that page: your place will go to the next person.\n`,
  },
} as const;

export function signupPromotionMail(
  to: { email: string; name: string; locale: Locale },
  topic: { title: string; sheetTitle: string; url: string },
): MailMessage {
  const t = texts[to.locale];
  return {
    to: to.email,
    subject: t.subject(topic.title),
    text: t.body(to.name, topic.title, topic.sheetTitle, topic.url),
  };
}

/**
 * Tells people taken off a topic's waitlist that their place is confirmed. Runs after the
 * withdrawal has committed; a failed mail is logged and does not undo the promotion.
 */
export async function sendSignupPromotionMails(
  ctx: AppContext,
  topic: { id: string; title: string; sheetId: string; sheetTitle: string },
  userIds: readonly string[],
  log: { error(object: unknown, message: string): void },
): Promise<void> {
  if (userIds.length === 0) return;
  const people = await ctx.db
    .selectFrom('users')
    .select(['email', 'name', 'locale'])
    .where('id', 'in', userIds)
    .execute();
  const url = `${ctx.env.PUBLIC_URL}/signup-sheets/${topic.sheetId}`;
  for (const person of people) {
    const locale = person.locale === 'en' ? 'en' : 'fr';
    try {
      await ctx.mailer.send(
        signupPromotionMail({ ...person, locale }, { title: topic.title, sheetTitle: topic.sheetTitle, url }),
      );
    } catch (error) {
      log.error({ err: error, topicId: topic.id }, 'sign-up promotion mail failed');
    }
  }
}
