import type { AppContext } from '../../app-context.ts';
import type { MailMessage } from '../../mail/mailer.ts';

type Locale = 'fr' | 'en';

interface ClosedPoll {
  title: string;
  circleName: string;
  startsAt: string;
  endsAt: string;
  timeZone: string;
  sessionUrl: string;
  pollUrl: string;
}

/** The chosen slot in the poll's time zone, in the reader's language. */
export function formatSlot(poll: Pick<ClosedPoll, 'startsAt' | 'endsAt' | 'timeZone'>, locale: Locale) {
  const tag = locale === 'fr' ? 'fr-FR' : 'en-GB';
  const day = new Intl.DateTimeFormat(tag, { dateStyle: 'full', timeZone: poll.timeZone });
  const time = new Intl.DateTimeFormat(tag, { timeStyle: 'short', timeZone: poll.timeZone });
  const start = new Date(poll.startsAt);
  const end = new Date(poll.endsAt);
  return locale === 'fr'
    ? `le ${day.format(start)}, de ${time.format(start)} à ${time.format(end)} (${poll.timeZone})`
    : `on ${day.format(start)}, ${time.format(start)} to ${time.format(end)} (${poll.timeZone})`;
}

const texts = {
  fr: {
    inviteSubject: (p: ClosedPoll) => `Invitation : « ${p.title} » ${formatSlot(p, 'fr')}`,
    inviteBody: (name: string, p: ClosedPoll) =>
      `Bonjour ${name},\n\nLe sondage « ${p.title} » du cercle « ${p.circleName} » est clos. La séance aura lieu ${formatSlot(p, 'fr')}.\n\nVous aviez répondu que ce créneau vous convenait (oui ou si besoin) : vous êtes invité·e à la séance.\n\nRetrouvez-la ici :\n${p.sessionUrl}\n`,
    resultSubject: (p: ClosedPoll) => `Résultat du sondage « ${p.title} »`,
    resultBody: (name: string, p: ClosedPoll) =>
      `Bonjour ${name},\n\nLe sondage « ${p.title} » du cercle « ${p.circleName} » est clos. Le créneau retenu : ${formatSlot(p, 'fr')}.\n\nVoir les résultats :\n${p.pollUrl}\n`,
  },
  en: {
    inviteSubject: (p: ClosedPoll) => `Invitation: "${p.title}" ${formatSlot(p, 'en')}`,
    inviteBody: (name: string, p: ClosedPoll) =>
      `Hello ${name},\n\nThe poll "${p.title}" of the circle "${p.circleName}" is closed. The session will take place ${formatSlot(p, 'en')}.\n\nYou said this slot suited you (yes or if need be): you are invited to the session.\n\nFind it here:\n${p.sessionUrl}\n`,
    resultSubject: (p: ClosedPoll) => `Result of the poll "${p.title}"`,
    resultBody: (name: string, p: ClosedPoll) =>
      `Hello ${name},\n\nThe poll "${p.title}" of the circle "${p.circleName}" is closed. The chosen slot: ${formatSlot(p, 'en')}.\n\nSee the results:\n${p.pollUrl}\n`,
  },
} as const;

/** An invitation for those who can come, the result for everyone else who answered. */
export function datePollClosedMail(
  to: { email: string; name: string; locale: Locale },
  poll: ClosedPoll,
  invited: boolean,
): MailMessage {
  const t = texts[to.locale];
  return invited
    ? { to: to.email, subject: t.inviteSubject(poll), text: t.inviteBody(to.name, poll) }
    : { to: to.email, subject: t.resultSubject(poll), text: t.resultBody(to.name, poll) };
}

/**
 * Tells everyone who answered the poll how it ended: members by their account's address and
 * language, guests who left an address in French. Runs after the close has committed; a mail that
 * fails is logged and does not undo the session (it is on the circle's page).
 */
export async function sendDatePollClosedMails(
  ctx: AppContext,
  pollId: string,
  log: { error(object: unknown, message: string): void },
): Promise<void> {
  const poll = await ctx.db
    .selectFrom('datePolls as p')
    .innerJoin('circles as c', 'c.id', 'p.circleId')
    .innerJoin('datePollSlots as s', 's.id', 'p.chosenSlotId')
    .select(['p.id', 'p.title', 'p.timeZone', 'p.sessionId', 'p.chosenSlotId', 'c.name as circleName'])
    .select(['s.startsAt', 's.endsAt'])
    .where('p.id', '=', pollId)
    .executeTakeFirst();
  if (!poll?.sessionId || !poll.chosenSlotId) return;
  const closed: ClosedPoll = {
    title: poll.title,
    circleName: poll.circleName,
    startsAt: new Date(poll.startsAt).toISOString(),
    endsAt: new Date(poll.endsAt).toISOString(),
    timeZone: poll.timeZone,
    sessionUrl: `${ctx.env.PUBLIC_URL}/sessions/${poll.sessionId}`,
    pollUrl: `${ctx.env.PUBLIC_URL}/date-polls/${poll.id}`,
  };
  const chosenSlotId = poll.chosenSlotId;
  const respondents = await ctx.db
    .selectFrom('datePollResponses as r')
    .leftJoin('users as u', 'u.id', 'r.userId')
    .select(['r.guestName', 'r.guestEmail', 'u.name', 'u.email', 'u.locale'])
    .select((eb) =>
      eb
        .selectFrom('datePollAnswers as a')
        .whereRef('a.responseId', '=', 'r.id')
        .where('a.slotId', '=', chosenSlotId)
        .select('a.value')
        .as('answer'),
    )
    .where('r.pollId', '=', pollId)
    .execute();
  for (const person of respondents) {
    const email = person.email ?? person.guestEmail;
    if (!email) continue;
    const to = {
      email,
      name: person.name ?? person.guestName ?? '',
      locale: person.locale === 'en' ? ('en' as const) : ('fr' as const),
    };
    const invited = person.answer === 'yes' || person.answer === 'maybe';
    try {
      await ctx.mailer.send(datePollClosedMail(to, closed, invited));
    } catch (error) {
      log.error({ err: error, pollId }, 'date poll closed mail failed');
    }
  }
}
