import type { Kysely } from 'kysely';
import { toIso } from '../../db/columns.ts';
import type { DB } from '../../db/schema.ts';
import type { NewsletterCommunity } from './newsletter-access.ts';
import { escapeHtml, markdownToHtml } from './newsletter-markdown.ts';

/** The feed lists the last letters only; the archive page pages through the rest. */
const FEED_SIZE = 50;

/**
 * An Atom 1.0 feed (RFC 4287) of a community's sent letters. Written by hand: the document is a
 * dozen elements, every text goes through the same XML escaping, and the content is the letter's
 * sanitised HTML (newsletter-markdown.ts) escaped once more as `type="html"` requires. Ids are
 * tag URIs (RFC 4151) on the instance's host, stable whatever the public URL's path becomes.
 */
export async function newsletterAtom(
  db: Kysely<DB>,
  community: NewsletterCommunity,
  publicUrl: string,
  title: string,
): Promise<string> {
  const letters = await db
    .selectFrom('newsletters')
    .select(['id', 'subject', 'body', 'sentAt', 'createdAt'])
    .where('communityId', '=', community.id)
    .where('status', '=', 'sent')
    .orderBy('sentAt', 'desc')
    .orderBy('id')
    .limit(FEED_SIZE)
    .execute();
  const host = new URL(publicUrl).hostname;
  const created = (value: Date | string) => toIso(value).slice(0, 10);
  const self = `${publicUrl}/api/v1/communities/${community.slug}/newsletters.atom`;
  const updated = letters[0]?.sentAt ? toIso(letters[0].sentAt) : new Date(0).toISOString();
  const entries = letters.map((letter) => {
    const sentAt = toIso(letter.sentAt ?? letter.createdAt);
    const url = `${publicUrl}/newsletters/${letter.id}`;
    return [
      '  <entry>',
      `    <id>tag:${host},${created(letter.createdAt)}:newsletter:${letter.id}</id>`,
      `    <title>${escapeHtml(letter.subject)}</title>`,
      `    <link rel="alternate" type="text/html" href="${escapeHtml(url)}"/>`,
      `    <published>${sentAt}</published>`,
      `    <updated>${sentAt}</updated>`,
      `    <content type="html">${escapeHtml(markdownToHtml(letter.body))}</content>`,
      '  </entry>',
    ].join('\n');
  });
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom">',
    `  <id>tag:${host},2026:community:${community.id}:newsletters</id>`,
    `  <title>${escapeHtml(title)}</title>`,
    `  <link rel="self" type="application/atom+xml" href="${escapeHtml(self)}"/>`,
    `  <link rel="alternate" type="text/html" href="${escapeHtml(`${publicUrl}/c/${community.slug}/newsletters`)}"/>`,
    `  <updated>${updated}</updated>`,
    `  <author><name>${escapeHtml(community.name)}</name></author>`,
    `  <generator>Archipel</generator>`,
    ...entries,
    '</feed>',
    '',
  ].join('\n');
}
