import { LinkifiedText } from '../admin/linkified-text.tsx';
import styles from './legal-page.module.css';

/**
 * An admin's text as plain text: paragraphs at blank lines, line breaks kept, web addresses made
 * links. Never parsed as HTML or Markdown, so nothing in it can run or restyle the page.
 */
export function PlainText({ text }: { text: string }) {
  const paragraphs = text
    .split(/\n\s*\n/)
    .map((paragraph) => paragraph.trim())
    .filter(Boolean);
  return (
    <>
      {paragraphs.map((paragraph, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: the paragraphs of one text never reorder.
        <p key={index} className={styles.plain}>
          <LinkifiedText text={paragraph} />
        </p>
      ))}
    </>
  );
}
