import { HocuspocusProvider } from '@hocuspocus/provider';
import Collaboration from '@tiptap/extension-collaboration';
import { EditorContent, useEditor } from '@tiptap/react';
import StarterKit from '@tiptap/starter-kit';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { NOTES_TOO_LARGE } from '../../../../contract/notes-document.ts';
import { Button } from '../../../components/button.tsx';
import styles from './collaborative-notes.module.css';
import { NotesDoc } from './notes-doc.ts';

type Status = 'connecting' | 'saved' | 'saving' | 'offline' | 'refused' | 'tooLarge';

/** Statuses that end the connection for good: nothing later may replace them. */
const isFinal = (status: Status) => status === 'refused' || status === 'tooLarge';

interface NotesProps {
  sessionId: string;
  userName: string;
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
  documentName,
  readOnly = false,
  onReload,
}: NotesProps & { onReload: () => void }) {
  const { t } = useTranslation();
  const [doc] = useState(() => new NotesDoc());
  const [status, setStatus] = useState<Status>('connecting');
  const [editors, setEditors] = useState<string[]>([]);
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
    provider.setAwarenessField('user', { name: userName });
    const refreshEditors = () => {
      const names = [...(provider.awareness?.getStates().values() ?? [])]
        .map((state) => (state as { user?: { name?: string } }).user?.name)
        .filter((name): name is string => Boolean(name));
      setEditors([...new Set(names)].sort());
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
      provider.destroy();
      doc.destroy();
    };
  }, [provider, doc, userName]);

  const editor = useEditor({
    // The strict CSP forbids the <style> tag Tiptap would add; its few rules are in our CSS module.
    injectCSS: false,
    extensions: [StarterKit.configure({ undoRedo: false }), Collaboration.configure({ document: doc })],
    editorProps: {
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
          <p className={styles.presence}>{t('session.notes.editing', { names: editors.join(', ') })}</p>
        ) : null}
      </div>
      {status === 'tooLarge' ? (
        <div className={styles.refusal}>
          <p>{t('session.notes.tooLargeHelp')}</p>
          <Button variant="secondary" size="sm" onClick={onReload}>
            {t('session.notes.reload')}
          </Button>
        </div>
      ) : null}
      {status === 'refused' ? null : <EditorContent editor={editor} />}
    </div>
  );
}
