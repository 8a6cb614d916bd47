import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Viewer } from '../../http/viewer.ts';
import { unsubscribeUrl } from '../../mail/mail-delivery.ts';
import { mailText } from '../../mail/mail-i18n.ts';
import { renderMail } from '../../mail/mail-layout.ts';
import { footerLabels, type Locale } from '../../mail/mail-templates.ts';
import { newsletterSubject } from '../../mail/unsubscribe-token.ts';
import { newsletterMail } from './newsletter-mail.ts';
import type { NewsletterAccess } from './newsletters.queries.ts';
import { newsletterItems } from './newsletters.queries.ts';

/**
 * The mail exactly as deliverOnce lays it out (same template, same layout, same footer), written
 * for the animator who asks: the links in it are theirs, so the preview gives nobody else's away.
 */
export async function previewLetter(
  db: Kysely<DB>,
  access: NewsletterAccess,
  viewer: Viewer,
  locale: Locale,
  deps: { publicUrl: string; secret: string },
) {
  const { newsletter, community } = access;
  const items = await newsletterItems(db, newsletter.id);
  const content = newsletterMail(
    locale,
    {
      id: newsletter.id,
      subject: newsletter.subject,
      body: newsletter.body,
      communityName: community.name,
      items,
    },
    deps.publicUrl,
  );
  const labels = footerLabels[locale];
  return renderMail({
    locale,
    subject: content.subject,
    blocks: content.blocks,
    footer: {
      reason: content.reason,
      preferencesLabel: labels.preferences,
      preferencesUrl: `${deps.publicUrl}/profile`,
      unsubscribeLabel: mailText(locale)('newsletter.unsubscribe'),
      unsubscribeUrl: unsubscribeUrl(deps, newsletterSubject(viewer.id)),
    },
  });
}
