import { z } from 'zod';
import type { JobContext } from '../../jobs/job-runner.ts';
import { deliverOnce, type MailDeps } from '../../mail/mail-delivery.ts';
import { asLocale, mailText } from '../../mail/mail-i18n.ts';
import { formatDay, type Locale, type TemplateOutput } from '../../mail/mail-templates.ts';
import { defineJob } from '../feature-descriptor.ts';
import { claimTokenOf, claimUrl } from './claim-tokens.ts';

export const claimMailKind = 'mail.placeholder-claim';
/** The payload names the invitation only: the link is rebuilt from its nonce when the mail is written. */
export const claimMailPayload = z.object({ invitationId: z.string().min(1).max(100) });

export function claimInvitationMail(
  locale: Locale,
  d: {
    placeholderName: string;
    communityName: string;
    invitedByName: string | null;
    url: string;
    until: string;
  },
): TemplateOutput {
  const t = mailText(locale);
  const by = d.invitedByName ?? t('placeholderClaim.animationTeam');
  const names = { by, communityName: d.communityName, placeholderName: d.placeholderName };
  return {
    subject: t('placeholderClaim.subject', names),
    blocks: [
      { kind: 'paragraph', text: t('helloAlone') },
      { kind: 'paragraph', text: t('placeholderClaim.body', names) },
      { kind: 'paragraph', text: t('placeholderClaim.howTo', { until: d.until }) },
      { kind: 'button', label: t('placeholderClaim.accept'), url: d.url },
    ],
    reason: t('placeholderClaim.reason', { by }),
  };
}

/**
 * Sends the invitation to the address the steward gave. The person has no account yet: the mail
 * goes like an account mail (always, without preferences or unsubscribe link, which would have
 * nothing to act on), once per invitation. A replaced or used invitation sends nothing.
 */
export const claimMailJob = defineJob({
  kind: claimMailKind,
  payload: claimMailPayload,
  handle: ({ invitationId }, context, { mail }) => sendClaimMail(mail, invitationId, context),
});

async function sendClaimMail(deps: MailDeps, invitationId: string, context: JobContext): Promise<void> {
  const row = await deps.db
    .selectFrom('placeholderInvitations as i')
    .innerJoin('communities as c', 'c.id', 'i.communityId')
    .leftJoin('users as inviter', 'inviter.id', 'i.invitedBy')
    .select(['i.email', 'i.nonce', 'i.placeholderName', 'i.expiresAt', 'i.acceptedAt', 'i.revokedAt'])
    .select(['c.name as communityName', 'inviter.name as invitedByName', 'inviter.locale'])
    .where('i.id', '=', invitationId)
    .executeTakeFirst();
  if (!row || row.acceptedAt !== null || row.revokedAt !== null) return;
  // The invitee's language is unknown: the inviter's is the best guess (one community, one language).
  const locale = asLocale(row.locale);
  const until = formatDay(locale, new Date(row.expiresAt).toISOString().slice(0, 10));
  await deliverOnce(deps, {
    key: `placeholder-claim:${invitationId}`,
    jobId: context.job.id,
    recipient: {
      id: invitationId,
      email: row.email,
      name: '',
      locale,
      mailPreference: 'all',
      guest: true,
      // Someone without an account yet: nothing private is named but the community they join.
      isAdmin: false,
    },
    category: 'account',
    content: claimInvitationMail(locale, {
      placeholderName: row.placeholderName,
      communityName: row.communityName,
      invitedByName: row.invitedByName,
      url: claimUrl(deps.publicUrl, claimTokenOf(deps.secret, row.nonce)),
      until,
    }),
  });
}
