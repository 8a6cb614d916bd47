import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Extension } from '@tiptap/core';
import { Plugin, PluginKey } from '@tiptap/pm/state';
import { Decoration, DecorationSet } from '@tiptap/pm/view';
import type { Editor } from '@tiptap/react';
import { useEditorState } from '@tiptap/react';
import {
  absolutePositionToRelativePosition,
  relativePositionToAbsolutePosition,
  ySyncPluginKey,
} from '@tiptap/y-tiptap';
import { type FormEvent, useEffect, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import * as Y from 'yjs';
import type { NoteComment, NoteCommentCreate } from '../../../../contract/notes-comments.ts';
import { apiRequest } from '../../../lib/api-client.ts';
import { useErrorMessage } from '../../../lib/error-message.ts';
import type { ListOf } from '../../../lib/list-of.ts';
import { useLiveTopic } from '../../../lib/use-live-topic.ts';
import { sessionPath } from '../session-keys.ts';
import styles from './collaborative-notes.module.css';

interface Range {
  id: string;
  from: number;
  to: number;
}

const highlightKey = new PluginKey<DecorationSet>('noteComments');

/** Underlines the commented passages; the ranges come from the comments' Yjs anchors. */
export const CommentHighlights = Extension.create({
  name: 'noteCommentHighlights',
  addProseMirrorPlugins() {
    return [
      new Plugin<DecorationSet>({
        key: highlightKey,
        state: {
          init: () => DecorationSet.empty,
          apply(tr, set) {
            const ranges = tr.getMeta(highlightKey) as Range[] | undefined;
            if (!ranges) return set.map(tr.mapping, tr.doc);
            return DecorationSet.create(
              tr.doc,
              ranges.map((range) =>
                Decoration.inline(range.from, range.to, { class: styles.commented ?? '' }),
              ),
            );
          },
        },
        props: { decorations: (state) => highlightKey.getState(state) },
      }),
    ];
  },
});

interface YBinding {
  doc: Y.Doc;
  type: Y.XmlFragment;
  binding: { mapping: Map<unknown, unknown> } | null;
}

const yState = (editor: Editor) => ySyncPluginKey.getState(editor.state) as YBinding | undefined;

const toBase64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes));
const fromBase64 = (text: string) => Uint8Array.from(atob(text), (char) => char.charCodeAt(0));

/** Where a comment's passage is now, or null if it was deleted (or the anchor is unreadable). */
function rangeOf(editor: Editor, comment: NoteComment): Range | null {
  const state = yState(editor);
  if (!state?.binding) return null;
  try {
    const at = (anchor: string) =>
      relativePositionToAbsolutePosition(
        state.doc,
        state.type,
        Y.decodeRelativePosition(fromBase64(anchor)),
        state.binding?.mapping as never,
      );
    const from = at(comment.anchor.start);
    const to = at(comment.anchor.end);
    if (from === null || to === null || to <= from || to > editor.state.doc.content.size) return null;
    return { id: comment.id, from, to };
  } catch {
    return null;
  }
}

/**
 * Comments on passages of the notes: select text, comment it; everyone in the notes sees it at once
 * (the `notes-comments` live topic) and anyone who may write the notes resolves it.
 */
export function NotesComments({ editor, sessionId }: { editor: Editor; sessionId: string }) {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const queryClient = useQueryClient();
  const key = ['notes-comments', sessionId];
  const path = `${sessionPath(sessionId)}/notes/comments`;
  const refresh = () => void queryClient.invalidateQueries({ queryKey: key });
  useLiveTopic(`notes-comments:${sessionId}`, refresh, refresh);
  const comments = useQuery({
    queryKey: key,
    queryFn: ({ signal }) => apiRequest<ListOf<NoteComment>>(path, { signal }),
  });
  const [draft, setDraft] = useState<{ quote: string; anchor: NoteCommentCreate['anchor'] } | null>(null);
  const [body, setBody] = useState('');
  const bodyId = useId();
  const selection = useEditorState({
    editor,
    selector: ({ editor: current }) => {
      if (!current) return '';
      const { from, to, empty } = current.state.selection;
      return empty ? '' : current.state.doc.textBetween(from, to, ' ').trim();
    },
  });
  const add = useMutation({
    mutationFn: (input: NoteCommentCreate) => apiRequest<NoteComment>(path, { method: 'POST', body: input }),
    onSuccess: () => {
      setDraft(null);
      setBody('');
      refresh();
    },
  });
  const resolve = useMutation({
    mutationFn: (id: string) =>
      apiRequest<NoteComment>(`${path}/${encodeURIComponent(id)}/resolve`, { method: 'POST' }),
    onSuccess: refresh,
  });

  const items = comments.data?.items;
  const open = useMemo(() => (items ?? []).filter((comment) => !comment.resolvedAt), [items]);
  const resolved = useMemo(() => (items ?? []).filter((comment) => comment.resolvedAt), [items]);

  // The open comments' passages, underlined in the text; edits then move them with the text. Until
  // the notes have arrived some passages cannot be found: each change of the text tries again.
  useEffect(() => {
    let painted = -1;
    const paint = () => {
      if (editor.isDestroyed) return;
      const ranges = open.map((comment) => rangeOf(editor, comment)).filter((range) => range !== null);
      if (ranges.length === painted) return;
      painted = ranges.length;
      editor.view.dispatch(editor.state.tr.setMeta(highlightKey, ranges).setMeta('addToHistory', false));
    };
    paint();
    const onUpdate = () => {
      if (painted < open.length) paint();
    };
    editor.on('update', onUpdate);
    return () => {
      editor.off('update', onUpdate);
    };
  }, [editor, open]);

  function startComment() {
    const state = yState(editor);
    const { from, to, empty } = editor.state.selection;
    if (!state?.binding || empty) return;
    const anchor = (pos: number) =>
      toBase64(
        Y.encodeRelativePosition(
          absolutePositionToRelativePosition(pos, state.type, state.binding?.mapping as never),
        ),
      );
    setDraft({
      quote: editor.state.doc.textBetween(from, to, ' ').trim().slice(0, 500),
      anchor: { start: anchor(from), end: anchor(to) },
    });
    setBody('');
    add.reset();
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!draft || !body.trim()) return;
    add.mutate({ body: body.trim(), quote: draft.quote, anchor: draft.anchor });
  }

  function show(comment: NoteComment) {
    const range = rangeOf(editor, comment);
    if (!range) return;
    editor.chain().focus().setTextSelection({ from: range.from, to: range.to }).scrollIntoView().run();
  }

  return (
    <section className={styles.comments} aria-labelledby={`${bodyId}-title`}>
      <h3 id={`${bodyId}-title`} className={styles.commentsTitle}>
        {t('session.notes.comments.title', { count: open.length })}
      </h3>
      {draft ? (
        <form className={styles.commentForm} onSubmit={submit}>
          <blockquote className={styles.quote}>{draft.quote}</blockquote>
          <label htmlFor={bodyId}>{t('session.notes.comments.body')}</label>
          <textarea
            id={bodyId}
            value={body}
            maxLength={2000}
            rows={3}
            required
            // biome-ignore lint/a11y/noAutofocus: opened on request, to type the comment at once.
            autoFocus
            onChange={(event) => setBody(event.target.value)}
          />
          {add.isError ? (
            <p role="alert" className={styles.commentError}>
              {errorMessage(add.error)}
            </p>
          ) : null}
          <div className={styles.commentActions}>
            <button type="submit" className={styles.commentButton} disabled={add.isPending}>
              {t('session.notes.comments.publish')}
            </button>
            <button type="button" className={styles.commentLink} onClick={() => setDraft(null)}>
              {t('session.notes.comments.cancel')}
            </button>
          </div>
        </form>
      ) : (
        <div>
          <button
            type="button"
            className={styles.commentButton}
            disabled={!selection}
            onMouseDown={(event) => event.preventDefault()}
            onClick={startComment}
          >
            {t('session.notes.comments.add')}
          </button>
          {selection ? null : <p className={styles.commentHint}>{t('session.notes.comments.hint')}</p>}
        </div>
      )}
      {open.length > 0 ? (
        <ul className={styles.commentList} aria-label={t('session.notes.comments.open')}>
          {open.map((comment) => (
            <li key={comment.id} className={styles.comment}>
              <button type="button" className={styles.quoteButton} onClick={() => show(comment)}>
                <span className="visually-hidden">{t('session.notes.comments.showPassage')} </span>
                <q>{comment.quote}</q>
              </button>
              <p className={styles.commentBody}>{comment.body}</p>
              <p className={styles.commentMeta}>
                {comment.author?.name ?? t('session.notes.comments.someone')}
                {' · '}
                <button
                  type="button"
                  className={styles.commentLink}
                  disabled={resolve.isPending}
                  onClick={() => resolve.mutate(comment.id)}
                >
                  {t('session.notes.comments.resolve')}
                </button>
              </p>
            </li>
          ))}
        </ul>
      ) : null}
      {resolved.length > 0 ? (
        <details className={styles.resolved}>
          <summary>{t('session.notes.comments.resolved', { count: resolved.length })}</summary>
          <ul className={styles.commentList}>
            {resolved.map((comment) => (
              <li key={comment.id} className={styles.comment}>
                <q>{comment.quote}</q>
                <p className={styles.commentBody}>{comment.body}</p>
                <p className={styles.commentMeta}>
                  {t('session.notes.comments.resolvedBy', {
                    author: comment.author?.name ?? t('session.notes.comments.someone'),
                    resolver: comment.resolvedBy?.name ?? t('session.notes.comments.someone'),
                  })}
                </p>
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </section>
  );
}
