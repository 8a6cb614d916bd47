import { Fragment } from 'react';

/**
 * Text with some ranges marked: each range becomes a <mark> element, everything else stays text.
 * The server sends plain text and offsets, never HTML, so nothing here is interpreted as markup.
 */
export function HighlightedText({ text, ranges }: { text: string; ranges: readonly [number, number][] }) {
  const parts: { text: string; marked: boolean; at: number }[] = [];
  let cursor = 0;
  for (const [start, end] of [...ranges].sort((a, b) => a[0] - b[0])) {
    if (start < cursor || end <= start || end > text.length) continue;
    if (start > cursor) parts.push({ text: text.slice(cursor, start), marked: false, at: cursor });
    parts.push({ text: text.slice(start, end), marked: true, at: start });
    cursor = end;
  }
  if (cursor < text.length) parts.push({ text: text.slice(cursor), marked: false, at: cursor });
  return (
    <>
      {parts.map((part) =>
        part.marked ? <mark key={part.at}>{part.text}</mark> : <Fragment key={part.at}>{part.text}</Fragment>,
      )}
    </>
  );
}
