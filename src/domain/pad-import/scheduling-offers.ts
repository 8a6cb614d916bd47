/**
 * What a pad asks to organise, as the seed's meeting writes it: "Qui veut y travailler ?
 * Inscrivez-vous ici :" under a topic (a sign-up sheet, one topic per call, named by the line
 * above it) and "Organisation de deux séances de travail (framadate ?)" (a date poll, titled by the
 * line without its "(framadate ?)"). Offers only: the import review proposes to create them.
 */
export interface SchedulingOffers {
  /** A sign-up sheet with a topic per "Inscrivez-vous" call, or null when the pad has none. */
  signup: { title: string; topics: string[] } | null;
  /** Date polls the pad asks for, by title. */
  datePolls: { title: string }[];
}

const MAX_OFFERS = 20;
const MAX_TITLE = 200;
/**
 * A call to sign up or a poll's line is short: longer lines are passed over unread, which keeps
 * the scan linear on the pathological pads the import takes (a megabyte on one line, long blank
 * runs), since it runs beside the parser's worker, on the request's thread.
 */
const MAX_LINE = 300;

const signupCall = /\binscri(?:vez|re|ption)[-\s]+(?:vous|ici)\b|\binscrivez-vous\b/i;
const pollCall = /\b(?:framadate|doodle|sondage de dates?)\b/i;
/** "(framadate ?)", "(doodle)", "– framadate ?" and the like, around the words. */
const pollMention =
  /\s*[([]?\s*(?:via\s+|par\s+|avec\s+|un\s+)?(?:framadate|doodle|sondage de dates?)\s*\??\s*[)\]]?/gi;

/** The text without the trailing characters given (a loop: an anchored `[…]+$` backtracks). */
function trimEndOf(text: string, characters: string): string {
  let end = text.length;
  while (end > 0 && characters.includes(text.charAt(end - 1))) end--;
  return text.slice(0, end);
}

/** A line without its list mark, heading marks, time range, emphasis or trailing colon. */
function cleanLine(line: string): string {
  const text = line
    .replace(/^\s*(?:[-*+]\s+|\d+[.)]\s+|#+\s+|>\s+)*/, '')
    .replace(/^\[[^\]]{1,40}\]\s*/, '')
    .replace(/\*\*|__|`/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  return trimEndOf(text, ' :').trim();
}

const clip = (text: string) =>
  text.length > MAX_TITLE ? `${text.slice(0, MAX_TITLE - 1).trimEnd()}…` : text;

export function schedulingOffers(text: string): SchedulingOffers {
  const topics: string[] = [];
  const polls: string[] = [];
  let signupTitle: string | null = null;
  let previous = '';
  const seen = new Set<string>();
  for (const raw of text.split('\n')) {
    if (raw.length > MAX_LINE) {
      previous = '';
      continue;
    }
    const line = cleanLine(raw);
    if (!line) continue;
    if (signupCall.test(line)) {
      const asked = trimEndOf(line.split(signupCall)[0] ?? '', ' .,;:!–-').trim();
      signupTitle ??= asked || null;
      const topic = clip(previous);
      const key = `t:${topic.toLowerCase()}`;
      if (topic && !seen.has(key) && topics.length < MAX_OFFERS) {
        seen.add(key);
        topics.push(topic);
      }
      // A call is no topic for the next one.
      continue;
    }
    if (pollCall.test(line)) {
      const title = clip(trimEndOf(line.replace(pollMention, ' ').replace(/\s+/g, ' '), ' :–-').trim());
      const key = `p:${title.toLowerCase()}`;
      if (title && !seen.has(key) && polls.length < MAX_OFFERS) {
        seen.add(key);
        polls.push(title);
      }
    }
    previous = line;
  }
  return {
    signup: topics.length > 0 ? { title: clip(signupTitle ?? 'Qui veut y travailler ?'), topics } : null,
    datePolls: polls.map((title) => ({ title })),
  };
}
