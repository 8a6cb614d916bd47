import { Fragment } from 'react';

const urlPattern = /(https?:\/\/[^\s<>"]+)/g;

/**
 * Plain text with its web addresses made clickable: without SMTP, admins open sign-in and
 * reset links straight from the outbox. Only http(s) addresses become links.
 */
export function LinkifiedText({ text }: { text: string }) {
  const parts = text.split(urlPattern);
  return (
    <>
      {parts.map((part, index) =>
        // split() with a capturing group puts the matches at odd indexes.
        index % 2 === 1 ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one immutable text never reorder.
          <a key={index} href={part}>
            {part}
          </a>
        ) : (
          // biome-ignore lint/suspicious/noArrayIndexKey: as above.
          <Fragment key={index}>{part}</Fragment>
        ),
      )}
    </>
  );
}
