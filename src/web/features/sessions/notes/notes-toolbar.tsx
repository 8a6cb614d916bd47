import type { Editor } from '@tiptap/react';
import { useEditorState } from '@tiptap/react';
import { type FormEvent, type KeyboardEvent, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isSafeHref } from '../../../../domain/markdown.ts';
import styles from './notes-toolbar.module.css';

type Tool =
  | 'heading2'
  | 'heading3'
  | 'bulletList'
  | 'orderedList'
  | 'taskList'
  | 'bold'
  | 'italic'
  | 'link'
  | 'undo'
  | 'redo';

/** The glyph each button shows (its name is read from the catalogue). */
const GLYPHS: Record<Tool, string> = {
  heading2: 'T1',
  heading3: 'T2',
  bulletList: '•≡',
  orderedList: '1.',
  taskList: '☑',
  bold: 'G',
  italic: 'I',
  link: '',
  undo: '↶',
  redo: '↷',
};

const GROUPS: Tool[][] = [
  ['heading2', 'heading3'],
  ['bulletList', 'orderedList', 'taskList'],
  ['bold', 'italic', 'link'],
  ['undo', 'redo'],
];

/** Keyboard shortcuts, shown in each button's tooltip (Tiptap's own; they keep working in the text). */
const SHORTCUTS: Partial<Record<Tool, string>> = {
  heading2: 'Ctrl+Alt+2',
  heading3: 'Ctrl+Alt+3',
  bulletList: 'Ctrl+Shift+8',
  orderedList: 'Ctrl+Shift+7',
  taskList: 'Ctrl+Shift+9',
  bold: 'Ctrl+B',
  italic: 'Ctrl+I',
  undo: 'Ctrl+Z',
  redo: 'Ctrl+Shift+Z',
};

/** A chain link (emoji fonts are missing on many desktops). */
function LinkIcon() {
  return (
    <svg
      aria-hidden="true"
      viewBox="0 0 24 24"
      width="18"
      height="18"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
    >
      <path d="M10 14a4 4 0 0 0 5.7 0l3-3a4 4 0 0 0-5.7-5.7l-1 1" strokeLinecap="round" />
      <path d="M14 10a4 4 0 0 0-5.7 0l-3 3a4 4 0 0 0 5.7 5.7l1-1" strokeLinecap="round" />
    </svg>
  );
}

function run(editor: Editor, tool: Tool) {
  const chain = editor.chain().focus();
  switch (tool) {
    case 'heading2':
      return chain.toggleHeading({ level: 2 }).run();
    case 'heading3':
      return chain.toggleHeading({ level: 3 }).run();
    case 'bulletList':
      return chain.toggleBulletList().run();
    case 'orderedList':
      return chain.toggleOrderedList().run();
    case 'taskList':
      return chain.toggleTaskList().run();
    case 'bold':
      return chain.toggleBold().run();
    case 'italic':
      return chain.toggleItalic().run();
    case 'undo':
      return chain.undo().run();
    case 'redo':
      return chain.redo().run();
    default:
      return false;
  }
}

/**
 * The notes' formatting toolbar (WAI-ARIA toolbar pattern): one tab stop, arrow keys move between
 * buttons, toggles say whether they are on (aria-pressed). The link button opens a small form that
 * accepts only http(s) and mailto addresses.
 */
export function NotesToolbar({ editor, disabled }: { editor: Editor; disabled: boolean }) {
  const { t } = useTranslation();
  const [focused, setFocused] = useState<Tool>('heading2');
  const [linkOpen, setLinkOpen] = useState(false);
  const [href, setHref] = useState('');
  const [linkError, setLinkError] = useState(false);
  const buttons = useRef(new Map<Tool, HTMLButtonElement>());
  const inputId = useId();
  const errorId = useId();
  const active = useEditorState({
    editor,
    selector: ({ editor: current }) => ({
      heading2: current.isActive('heading', { level: 2 }),
      heading3: current.isActive('heading', { level: 3 }),
      bulletList: current.isActive('bulletList'),
      orderedList: current.isActive('orderedList'),
      taskList: current.isActive('taskList'),
      bold: current.isActive('bold'),
      italic: current.isActive('italic'),
      link: current.isActive('link'),
    }),
  });
  const order = GROUPS.flat();
  const currentHref = active.link ? String(editor.getAttributes('link').href ?? '') : '';

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const index = order.indexOf(focused);
    let next: number | null = null;
    if (event.key === 'ArrowRight') next = (index + 1) % order.length;
    else if (event.key === 'ArrowLeft') next = (index - 1 + order.length) % order.length;
    else if (event.key === 'Home') next = 0;
    else if (event.key === 'End') next = order.length - 1;
    if (next === null) return;
    event.preventDefault();
    const tool = order[next] as Tool;
    setFocused(tool);
    buttons.current.get(tool)?.focus();
  }

  function press(tool: Tool) {
    setFocused(tool);
    if (tool === 'link') {
      setHref((editor.getAttributes('link').href as string | undefined) ?? 'https://');
      setLinkError(false);
      setLinkOpen((open) => !open);
      return;
    }
    run(editor, tool);
  }

  function applyLink(event: FormEvent) {
    event.preventDefault();
    const address = href.trim();
    if (!isSafeHref(address) || /\s/.test(address) || address.length > 2000) {
      setLinkError(true);
      return;
    }
    const chain = editor.chain().focus().extendMarkRange('link');
    // With nothing selected, the address itself becomes the linked text.
    if (editor.state.selection.empty && !editor.isActive('link')) {
      chain
        .insertContent({ type: 'text', text: address, marks: [{ type: 'link', attrs: { href: address } }] })
        .run();
    } else {
      chain.setLink({ href: address }).run();
    }
    setLinkOpen(false);
  }

  function removeLink() {
    editor.chain().focus().extendMarkRange('link').unsetLink().run();
    setLinkOpen(false);
  }

  return (
    <div className={styles.wrap}>
      <div
        role="toolbar"
        aria-label={t('session.notes.toolbar.label')}
        className={styles.toolbar}
        onKeyDown={onKeyDown}
      >
        {GROUPS.map((group) => (
          <div key={group.join()} className={styles.group}>
            {group.map((tool) => {
              const isToggle = tool !== 'undo' && tool !== 'redo';
              const name = t(`session.notes.toolbar.${tool}`);
              const shortcut = SHORTCUTS[tool];
              return (
                <button
                  key={tool}
                  ref={(node) => {
                    if (node) buttons.current.set(tool, node);
                    else buttons.current.delete(tool);
                  }}
                  type="button"
                  className={styles.tool}
                  data-tool={tool}
                  tabIndex={focused === tool ? 0 : -1}
                  aria-label={name}
                  title={shortcut ? `${name} (${shortcut})` : name}
                  aria-pressed={isToggle ? Boolean(active[tool as keyof typeof active]) : undefined}
                  aria-expanded={tool === 'link' ? linkOpen : undefined}
                  disabled={disabled}
                  // Keeps the text's selection: the editor stays focused while a button is clicked.
                  onMouseDown={(event) => event.preventDefault()}
                  onFocus={() => setFocused(tool)}
                  onClick={() => press(tool)}
                >
                  {tool === 'link' ? (
                    <LinkIcon />
                  ) : (
                    <span aria-hidden="true">
                      {tool === 'bold' ? t('session.notes.toolbar.boldGlyph') : GLYPHS[tool]}
                    </span>
                  )}
                </button>
              );
            })}
          </div>
        ))}
      </div>
      {linkOpen ? (
        <form className={styles.linkForm} onSubmit={applyLink}>
          <label htmlFor={inputId}>{t('session.notes.toolbar.linkAddress')}</label>
          <input
            id={inputId}
            type="url"
            inputMode="url"
            value={href}
            maxLength={2000}
            aria-invalid={linkError}
            aria-describedby={linkError ? errorId : undefined}
            // biome-ignore lint/a11y/noAutofocus: the form opens on the user's request, to type into it.
            autoFocus
            onChange={(event) => {
              setHref(event.target.value);
              setLinkError(false);
            }}
            onKeyDown={(event) => {
              if (event.key === 'Escape') {
                event.preventDefault();
                setLinkOpen(false);
                editor.commands.focus();
              }
            }}
          />
          <button type="submit" className={styles.action}>
            {t('session.notes.toolbar.linkApply')}
          </button>
          {active.link ? (
            <>
              <button type="button" className={styles.action} onClick={removeLink}>
                {t('session.notes.toolbar.linkRemove')}
              </button>
              {isSafeHref(currentHref) ? (
                <a href={currentHref} target="_blank" rel="noopener noreferrer nofollow">
                  {t('session.notes.toolbar.linkOpen')}
                </a>
              ) : null}
            </>
          ) : null}
          {linkError ? (
            <p id={errorId} className={styles.error} role="alert">
              {t('session.notes.toolbar.linkInvalid')}
            </p>
          ) : null}
        </form>
      ) : null}
    </div>
  );
}
