import { HocuspocusProvider } from '@hocuspocus/provider';
import Collaboration from '@tiptap/extension-collaboration';
import CollaborationCaret from '@tiptap/extension-collaboration-caret';
import { TaskItem, TaskList } from '@tiptap/extension-list';
import { EditorContent, useEditor } from '@tiptap/react';
import StarterKit from '@tiptap/starter-kit';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { NOTES_TOO_LARGE } from '../../../../contract/notes-document.ts';
import { isSafeHref } from '../../../../domain/markdown.ts';
import { Button } from '../../../components/button.tsx';
import { authorColour, safeColour, safeName } from './author-colours.ts';
import styles from './collaborative-notes.module.css';
import { authorAt, claimAuthorship } from './notes-authorship.ts';
import { CommentHighlights, NotesComments } from './notes-comments.tsx';
import { NotesDoc } from './notes-doc.ts';
import { NotesOutline } from './notes-outline.tsx';
import { NotesToolbar } from './notes-toolbar.tsx';

type Status = 'connecting' | 'saved' | 'saving' | 'offline' | 'refused' | 'tooLarge';

/** Someone in the notes now, as their awareness state says. */
interface Present {
  name: string;
  colour: number;
  /** Their user id, as their awareness state gives it (to name the passages they wrote). */
  id?: string;
}

/** Statuses that end the connection for good: nothing later may replace them. */
const isFinal = (status: Status) => status === 'refused' || status === 'tooLarge';

interface NotesProps {
  sessionId: string;
  userName: string;
  /** Gives the person a stable colour (their name does when it is missing). */
  userId?: string;
  /** The notes document (default `session:<sessionId>`; an open-space session's is another kind). */
  documentName?: string;
  /** Open to read only (the server ignores this connection's edits): no typing into it. */
  readOnly?: boolean;
}

/**
 * The session's shared notes, edited together live (Tiptap on a Yjs document synchronised by
 * Hocuspocus). This module and its libraries load only when someone opens the notes.
 */
export function CollaborativeNotes(props: NotesProps) {
  // Reloading starts over with a fresh document and connection: the refused edit is dropped.
  const [attempt, setAttempt] = useState(0);
  return <NotesEditor key={attempt} {...props} onReload={() => setAttempt((count) => count + 1)} />;
}

function NotesEditor({
  sessionId,
  userName,
  userId,
  documentName,
  readOnly = false,
  onReload,
}: NotesProps & { onReload: () => void }) {
  const { t } = useTranslation();
  const [doc] = useState(() => new NotesDoc());
  const [status, setStatus] = useState<Status>('connecting');
  const [editors, setEditors] = useState<Present[]>([]);
  const [hovered, setHovered] = useState<Present | 'unknown' | null>(null);
  const [colour] = useState(() => authorColour(userId ?? userName));
  const [provider] = useState(() => {
    const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
    return new HocuspocusProvider({
      url: `${scheme}://${window.location.host}/api/v1/notes`,
      name: documentName ?? `session:${sessionId}`,
      document: doc,
      // The session cookie authenticates the connection; the token only asks the server to check.
      token: 'session-cookie',
    });
  });

  useEffect(() => {
    provider.setAwarenessField('user', { name: userName, colour, id: userId });
    const stopClaiming = userId ? claimAuthorship(doc, userId) : () => undefined;
    const refreshEditors = () => {
      const seen = new Map<string, Present>();
      for (const state of provider.awareness?.getStates().values() ?? []) {
        const user = (state as { user?: { name?: unknown; colour?: unknown; id?: unknown } }).user;
        const name = safeName(user?.name);
        const id = typeof user?.id === 'string' ? user.id.slice(0, 100) : undefined;
        if (name && !seen.has(name)) seen.set(name, { name, colour: safeColour(user?.colour), id });
      }
      setEditors([...seen.values()].sort((a, b) => a.name.localeCompare(b.name)));
    };
    const onUnsynced = () =>
      setStatus((current) => (isFinal(current) ? current : provider.hasUnsyncedChanges ? 'saving' : 'saved'));
    const onStatus = ({ status: connection }: { status: string }) => {
      if (connection === 'disconnected') setStatus((current) => (isFinal(current) ? current : 'offline'));
    };
    // The server closes the notes, with this reason, instead of storing an edit past the size limit.
    const onClose = ({ event }: { event: { reason: string } }) => {
      if (event.reason === NOTES_TOO_LARGE) setStatus('tooLarge');
    };
    provider.on('synced', onUnsynced);
    provider.on('unsyncedChanges', onUnsynced);
    provider.on('status', onStatus);
    provider.on('authenticationFailed', () => setStatus('refused'));
    provider.on('close', onClose);
    provider.awareness?.on('change', refreshEditors);
    refreshEditors();
    // The first sync may have finished before these listeners were attached.
    if (provider.isSynced) onUnsynced();
    return () => {
      stopClaiming();
      provider.destroy();
      doc.destroy();
    };
  }, [provider, doc, userName, userId, colour]);

  /** Pointing at a passage says who wrote it: a present author by name, anyone else as such. */
  function onPointerMove(event: { clientX: number; clientY: number }) {
    if (!editor || editor.isDestroyed) return;
    const at = editor.view.posAtCoords({ left: event.clientX, top: event.clientY });
    const authorId = at && at.inside >= 0 ? authorAt(editor, doc, at.pos) : null;
    const author = authorId ? (editors.find((person) => person.id === authorId) ?? 'unknown') : null;
    setHovered((current) =>
      current === author ||
      (typeof current === 'object' && typeof author === 'object' && current?.id === author?.id)
        ? current
        : author,
    );
  }

  const editor = useEditor({
    // The strict CSP forbids the <style> tag Tiptap would add; its few rules are in our CSS module.
    injectCSS: false,
    extensions: [
      StarterKit.configure({
        // Yjs's undo (Collaboration's) replaces ProseMirror's: one undoes only one's own edits.
        undoRedo: false,
        link: {
          openOnClick: false,
          autolink: true,
          protocols: [],
          defaultProtocol: 'https',
          // Only http(s) and mailto: the same rule as the Markdown the minutes and pages render.
          isAllowedUri: (url) => isSafeHref(url),
          shouldAutoLink: (url) => isSafeHref(url) || /^[\w.-]+\.[a-z]{2,}/i.test(url),
          HTMLAttributes: { rel: 'noopener noreferrer nofollow', target: '_blank' },
        },
      }),
      TaskList,
      TaskItem.configure({ nested: true }),
      CommentHighlights,
      Collaboration.configure({ document: doc }),
      CollaborationCaret.configure({
        provider,
        user: { name: userName, colour, id: userId },
        // Classes, not inline styles: the strict CSP forbids style attributes.
        render: (user) => {
          const caret = document.createElement('span');
          caret.className = `${styles.caret} ${styles[`author${safeColour(user.colour)}`] ?? ''}`;
          // The name shows from a data attribute (CSS generated content): it is not part of the text.
          caret.dataset.name = safeName(user.name);
          return caret;
        },
        selectionRender: (user) => ({
          nodeName: 'span',
          class: `${styles.selection} ${styles[`author${safeColour(user.colour)}`] ?? ''}`,
        }),
      }),
    ],
    editorProps: {
      // Ctrl/Cmd+click opens a link in a new tab, without giving it this page (noopener).
      handleClick: (_view, _pos, event) => {
        if (!(event.ctrlKey || event.metaKey) || event.button !== 0) return false;
        const link = (event.target as HTMLElement | null)?.closest?.('a');
        const href = link?.getAttribute('href') ?? '';
        if (!isSafeHref(href)) return false;
        window.open(href, '_blank', 'noopener,noreferrer');
        return true;
      },
      attributes: {
        class: styles.editor ?? '',
        role: 'textbox',
        'aria-multiline': 'true',
        'aria-label': t('session.notes.editorLabel'),
      },
    },
  });

  // What is on screen past the refused edit would never be saved: no more typing into it.
  useEffect(() => {
    editor?.setEditable(status !== 'tooLarge' && !readOnly);
  }, [editor, status, readOnly]);

  return (
    <div className={styles.notes}>
      <div className={styles.bar}>
        <p className={styles.status} role="status">
          {t(`session.notes.status.${status}`)}
        </p>
        {editors.length > 0 ? (
          <div className={styles.presence}>
            <span id={`${sessionId}-present`}>{t('session.notes.present')}</span>
            <ul aria-labelledby={`${sessionId}-present`} className={styles.legend}>
              {editors.map((person) => (
                <li
                  key={person.name}
                  className={`${styles.person} ${styles[`author${person.colour}`] ?? ''}`}
                >
                  <span className={styles.swatch} aria-hidden="true" />
                  {person.name}
                </li>
              ))}
            </ul>
          </div>
        ) : null}
      </div>
      {editor && !readOnly && status !== 'refused' ? (
        <NotesToolbar editor={editor} disabled={status === 'tooLarge'} />
      ) : null}
      {status === 'tooLarge' ? (
        <div className={styles.refusal}>
          <p>{t('session.notes.tooLargeHelp')}</p>
          <Button variant="secondary" size="sm" onClick={onReload}>
            {t('session.notes.reload')}
          </Button>
        </div>
      ) : null}
      {status === 'refused' ? null : (
        <div className={styles.layout}>
          {editor ? <NotesOutline editor={editor} /> : null}
          <div className={styles.content}>
            <div onPointerMove={onPointerMove} onPointerLeave={() => setHovered(null)}>
              <EditorContent editor={editor} />
            </div>
            <p className={styles.writtenBy} aria-hidden="true">
              {hovered === 'unknown' ? (
                t('session.notes.writtenByAbsent')
              ) : hovered ? (
                <span className={`${styles.person} ${styles[`author${hovered.colour}`] ?? ''}`}>
                  <span className={styles.swatch} />
                  {t('session.notes.writtenBy', { name: hovered.name })}
                </span>
              ) : (
                '\u00a0'
              )}
            </p>
            {/* Comments are a circle session's (open-space notes have none). */}
            {editor && !readOnly && !documentName && status !== 'tooLarge' ? (
              <NotesComments editor={editor} sessionId={sessionId} />
            ) : null}
          </div>
        </div>
      )}
    </div>
  );
}
