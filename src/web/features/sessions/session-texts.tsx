import { type FormEvent, Suspense, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Session } from '../../../contract/session.ts';
import { Button } from '../../components/button.tsx';
import { EmptyState } from '../../components/empty-state.tsx';
import fieldStyles from '../../components/field.module.css';
import { FormStatus, type FormStatusMessage } from '../../components/form-status.tsx';
import { MarkdownText } from '../../components/markdown-text.tsx';
import { Section } from '../../components/section.tsx';
import { useUnsavedChanges } from '../../components/unsaved-changes.tsx';
import { useErrorMessage } from '../../lib/error-message.ts';
import { lazyNamed } from '../../lib/lazy-named.ts';
import { useMe } from '../auth/auth-api.ts';
import { usePatchSession, usePostCommunication, usePutAnnouncements } from './session-api.ts';
import styles from './session-texts.module.css';

interface TextEditorProps {
  label: string;
  initial: string;
  rows: number;
  isPending: boolean;
  isMono?: boolean;
  onSave: (text: string, done: (message: FormStatusMessage) => void) => void;
}

/** A textarea with "Enregistrer": for the synthesis and the notes, edited by facilitators. */
function TextEditor({ label, initial, rows, isPending, isMono = false, onSave }: TextEditorProps) {
  const { t } = useTranslation();
  const id = useId();
  const [text, setText] = useState(initial);
  const [message, setMessage] = useState<FormStatusMessage | null>(null);
  const isDirty = text !== initial;
  useUnsavedChanges(isDirty);
  function submit(event: FormEvent) {
    event.preventDefault();
    onSave(text, setMessage);
  }
  return (
    <form className={styles.editor} onSubmit={submit}>
      <label className={fieldStyles.label} htmlFor={id}>
        {label}
      </label>
      <textarea
        id={id}
        className={`${fieldStyles.input} ${isMono ? styles.mono : ''}`}
        rows={rows}
        value={text}
        onChange={(event) => setText(event.target.value)}
      />
      <div className={styles.editorActions}>
        <Button type="submit" size="sm" isPending={isPending}>
          {t('session.texts.save')}
        </Button>
        {isDirty ? <span className={styles.dirty}>{t('session.texts.unsaved')}</span> : null}
      </div>
      <FormStatus message={message} />
    </form>
  );
}

function useSaver(session: Session, field: 'synthesis' | 'notes', success: string) {
  const patch = usePatchSession(session.id);
  const errorMessage = useErrorMessage();
  return {
    isPending: patch.isPending,
    onSave: (text: string, done: (message: FormStatusMessage) => void) =>
      patch.mutate(
        { [field]: text },
        {
          onSuccess: () => done({ tone: 'success', text: success }),
          onError: (error) => done({ tone: 'danger', text: errorMessage(error) }),
        },
      ),
  };
}

export function SessionSynthesis({ session }: { session: Session }) {
  const { t } = useTranslation();
  const saver = useSaver(session, 'synthesis', t('session.synthesis.saved'));
  return (
    <Section title={t('session.synthesis.title')} description={t('session.synthesis.intro')}>
      {session.abilities.steer && session.notes ? <MarkdownText source={session.notes} /> : null}
      {session.abilities.steer ? (
        <TextEditor label={t('session.synthesis.label')} initial={session.synthesis} rows={5} {...saver} />
      ) : session.synthesis ? (
        <MarkdownText source={session.synthesis} />
      ) : (
        <EmptyState isCompact title={t('session.synthesis.none')} />
      )}
    </Section>
  );
}

/** The live editor (Tiptap, Yjs, ProseMirror: the heaviest code of the app) loads on opening. */
const collaborativeNotes = lazyNamed(() => import('./notes/collaborative-notes.tsx'), 'CollaborativeNotes');

export function SessionNotes({ session }: { session: Session }) {
  const { t } = useTranslation();
  const me = useMe().data;
  const [isOpen, setOpen] = useState(false);
  const saver = useSaver(session, 'notes', t('session.notes.saved'));
  return (
    <Section title={t('session.notes.title')} description={t('session.notes.intro')}>
      {!session.abilities.takePart || !me ? (
        <>
          {session.sharedNotes ? <MarkdownText source={session.sharedNotes} /> : null}
          <p>{t('session.notes.signInToWrite')}</p>
        </>
      ) : isOpen ? (
        <Suspense fallback={<p role="status">{t('session.notes.loading')}</p>}>
          <collaborativeNotes.Component sessionId={session.id} userName={me.name} userId={me.id} />
        </Suspense>
      ) : (
        <div>
          <Button
            variant="secondary"
            onClick={() => setOpen(true)}
            onPointerEnter={collaborativeNotes.preload}
            onFocus={collaborativeNotes.preload}
          >
            {t('session.notes.open')}
          </Button>
        </div>
      )}
      {session.notes || session.abilities.steer ? (
        <h3 className={styles.subheading}>{t('session.notes.imported')}</h3>
      ) : null}
      {session.abilities.steer ? (
        <TextEditor
          label={t('session.notes.importedLabel')}
          initial={session.notes}
          rows={8}
          isMono
          {...saver}
        />
      ) : session.notes ? (
        <MarkdownText source={session.notes} />
      ) : null}
    </Section>
  );
}

/** À communiquer: one line per item, edited by the session's participants. */
export function SessionAnnouncements({ session, canTakePart }: { session: Session; canTakePart: boolean }) {
  const { t } = useTranslation();
  const id = useId();
  const errorMessage = useErrorMessage();
  const put = usePutAnnouncements(session.id);
  const post = usePostCommunication(session.id);
  const [draft, setDraft] = useState('');
  const [message, setMessage] = useState<FormStatusMessage | null>(null);
  const items = session.announcements.map((a) => a.text);

  const save = (next: string[], success: string, onDone?: () => void) =>
    put
      .mutateAsync(next)
      .then(() => {
        setMessage({ tone: 'success', text: success });
        onDone?.();
      })
      .catch((error: unknown) => setMessage({ tone: 'danger', text: errorMessage(error) }));

  function add(event: FormEvent) {
    event.preventDefault();
    const text = draft.trim();
    if (!text) return;
    post
      .mutateAsync(text)
      .then(() => {
        setMessage({ tone: 'success', text: t('session.announcements.added') });
        setDraft('');
      })
      .catch((error: unknown) => setMessage({ tone: 'danger', text: errorMessage(error) }));
  }

  return (
    <Section title={t('session.announcements.title')} description={t('session.announcements.intro')}>
      <FormStatus message={message} />
      {session.announcements.length ? (
        <ul className={styles.announcements}>
          {session.announcements.map((item, index) => (
            <li key={item.id} className={styles.announcement}>
              <span className={styles.announcementText}>
                {item.text}
                {item.authorName ? (
                  <span className={styles.announcementAuthor}>
                    {t('session.announcements.by', { name: item.authorName })}
                  </span>
                ) : null}
              </span>
              {canTakePart ? (
                <Button
                  variant="ghost"
                  size="sm"
                  aria-label={t('session.announcements.removeOf', { text: item.text })}
                  onClick={() =>
                    void save(
                      items.filter((_, i) => i !== index),
                      t('session.announcements.removed'),
                    )
                  }
                >
                  {t('session.announcements.remove')}
                </Button>
              ) : null}
            </li>
          ))}
        </ul>
      ) : (
        <EmptyState isCompact title={t('session.announcements.none')} />
      )}
      {canTakePart ? (
        <form className={styles.addRow} onSubmit={add}>
          <div className={fieldStyles.field}>
            <label className={fieldStyles.label} htmlFor={`${id}-new`}>
              {t('session.announcements.new')}
            </label>
            <input
              id={`${id}-new`}
              className={fieldStyles.input}
              value={draft}
              maxLength={2000}
              onChange={(event) => setDraft(event.target.value)}
            />
          </div>
          <Button type="submit" variant="secondary" isPending={post.isPending}>
            {t('session.announcements.add')}
          </Button>
        </form>
      ) : null}
    </Section>
  );
}

/** Imported votes: each section and the options it kept. */
export function SessionVotes({ session }: { session: Session }) {
  const { t } = useTranslation();
  if (session.votes.length === 0) return null;
  return (
    <Section title={t('session.votes.title')}>
      {session.votes.map((vote) => (
        <article key={vote.id} className={styles.vote}>
          <h3 className={styles.voteTitle}>{vote.title}</h3>
          <dl className={styles.voteSections}>
            {vote.sections.map((section) => (
              <div key={section.label} className={styles.voteSection}>
                <dt>{section.label}</dt>
                <dd>{section.options.join(' · ')}</dd>
              </div>
            ))}
          </dl>
        </article>
      ))}
    </Section>
  );
}
