import { glossaryLetters } from '../../../domain/glossary.ts';
import { type EntryRow, readExamples, readSources } from './glossary.queries.ts';

/**
 * User text in the export stays Markdown but never live markup: `<` is written as an entity, so a
 * definition holding `<script>` or `<img onerror>` shows as text wherever the file is rendered.
 */
const inert = (text: string) => text.replace(/&(?=[a-z#0-9]+;)/gi, '&amp;').replace(/</g, '&lt;');
/** One line (a heading, a link title): no line breaks, no brackets that would close a link. */
const inline = (text: string) => inert(text.replace(/\s+/g, ' ')).replace(/[[\]]/g, (c) => `\\${c}`);
/** Parentheses and spaces would end a Markdown link's address early. */
const linkTarget = (url: string) =>
  url.replace(/[()<>\s]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);

/** The published entries as one Markdown document, letter by letter. */
export function glossaryMarkdown(
  communityName: string,
  entries: EntryRow[],
  words: { title: string; argument: string; examples: string; sources: string },
) {
  const lines = [`# ${inline(words.title)} — ${inline(communityName)}`, ''];
  for (const letter of glossaryLetters) {
    const ofLetter = entries.filter((entry) => entry.letter === letter);
    if (ofLetter.length === 0) continue;
    lines.push(`## ${letter}`, '');
    for (const entry of ofLetter) {
      lines.push(`### ${inline(entry.term)}`, '');
      if (entry.definition) lines.push(inert(entry.definition), '');
      if (entry.argument) lines.push(`**${words.argument}**`, '', inert(entry.argument), '');
      const examples = readExamples(entry.examples);
      if (examples.length)
        lines.push(`**${words.examples}**`, '', ...examples.map((e) => `- ${inline(e)}`), '');
      const sources = readSources(entry.sources);
      if (sources.length) {
        lines.push(
          `**${words.sources}**`,
          '',
          ...sources.map((s) => `- [${inline(s.title)}](${linkTarget(s.url)})`),
          '',
        );
      }
    }
  }
  return `${lines.join('\n').trimEnd()}\n`;
}
