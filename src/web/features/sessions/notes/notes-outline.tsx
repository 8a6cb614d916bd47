import type { Editor } from '@tiptap/react';
import { useEditorState } from '@tiptap/react';
import { useTranslation } from 'react-i18next';
import styles from './collaborative-notes.module.css';

interface Heading {
  text: string;
  level: number;
  pos: number;
}

/** The notes' top headings (the agenda they were seeded with, and any added): a table of contents. */
function headingsOf(editor: Editor): Heading[] {
  const found: Heading[] = [];
  editor.state.doc.forEach((node, pos) => {
    if (node.type.name === 'heading' && node.textContent.trim()) {
      found.push({ text: node.textContent.trim(), level: Number(node.attrs.level) || 2, pos });
    }
  });
  return found;
}

const same = (a: Heading[], b: Heading[] | null) =>
  b !== null &&
  a.length === b.length &&
  a.every((h, i) => h.text === b[i]?.text && h.pos === b[i]?.pos && h.level === b[i]?.level);

/**
 * The table of contents beside the notes: a link per heading that scrolls the notes to it and puts
 * the cursor at its end, ready to write under it.
 */
export function NotesOutline({ editor }: { editor: Editor }) {
  const { t } = useTranslation();
  const headings = useEditorState({
    editor,
    selector: ({ editor: current }) => (current ? headingsOf(current) : []),
    equalityFn: same,
  });
  if (headings.length === 0) return null;

  function go(heading: Heading) {
    const dom = editor.view.nodeDOM(heading.pos);
    if (dom instanceof HTMLElement) dom.scrollIntoView({ block: 'start', behavior: 'smooth' });
    const node = editor.state.doc.nodeAt(heading.pos);
    editor
      .chain()
      .focus(undefined, { scrollIntoView: false })
      .setTextSelection(heading.pos + 1 + (node?.content.size ?? 0))
      .run();
  }

  return (
    <nav aria-label={t('session.notes.outline')} className={styles.outline}>
      <p className={styles.outlineTitle} aria-hidden="true">
        {t('session.notes.outline')}
      </p>
      <ol>
        {headings.map((heading) => (
          <li key={`${heading.pos}`} className={heading.level > 2 ? styles.outlineSub : undefined}>
            <button type="button" className={styles.outlineLink} onClick={() => go(heading)}>
              {heading.text}
            </button>
          </li>
        ))}
      </ol>
    </nav>
  );
}
