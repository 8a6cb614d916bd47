import { z } from 'zod';

/**
 * Characters a person's name may not hold: C0 and C1 controls (and DEL), the bidirectional
 * embeddings and overrides U+202A–U+202E and the isolates U+2066–U+2069. A name is shown beside
 * other text (participant lists, post-it authors, mails, minutes): an override in it would reverse
 * what follows, so "Camille‮ moc.elpmaxe" reads as another person or a trusted address, and a
 * control character breaks lines, logs and CSV exports. The marks U+200E/U+200F stay allowed: they
 * affect one position only and right-to-left names need them.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: refusing them is the point.
const unsafeInName = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/u;

/** True when the text holds no character a name may not hold. */
export const isSafeName = (text: string) => !unsafeInName.test(text);

/**
 * Every name of a person that enters Archipel: an account's display name, a poll guest's name, a
 * guest participant or owner typed by a facilitator. Trimmed, 1–120 characters. (Names read out
 * of an imported pad are letters only already: domain/pad-import/person-names.ts.)
 */
export const personNameSchema = z
  .string()
  .trim()
  .min(1)
  .max(120)
  .refine(isSafeName, 'must not contain control characters or text-direction overrides');
