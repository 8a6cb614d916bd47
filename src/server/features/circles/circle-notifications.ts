import type { AppContext } from '../../app-context.ts';
import { waitlistPromotionMail } from '../../mail/circle-mails.ts';

/**
 * Tells people taken off the waitlist that they now have a place. Runs after the transaction has
 * committed; a mail that fails is logged and does not undo the promotion (the place is theirs, and
 * the circle page shows it).
 */
export async function notifyPromoted(
  ctx: AppContext,
  circle: { id: string; name: string },
  userIds: readonly string[],
  log: { error(object: unknown, message: string): void },
): Promise<void> {
  if (userIds.length === 0) return;
  const people = await ctx.db
    .selectFrom('users')
    .select(['email', 'name', 'locale'])
    .where('id', 'in', userIds)
    .execute();
  const url = `${ctx.env.PUBLIC_URL}/circles/${circle.id}`;
  for (const person of people) {
    const locale = person.locale === 'en' ? 'en' : 'fr';
    try {
      await ctx.mailer.send(waitlistPromotionMail({ ...person, locale }, { name: circle.name, url }));
    } catch (error) {
      log.error({ err: error, circleId: circle.id }, 'waitlist promotion mail failed');
    }
  }
}
