import { z } from 'zod';

/**
 * Comments on a passage of a session's shared notes. A comment is anchored by two Yjs relative
 * positions (base64 of Y.encodeRelativePosition) that follow the text as others edit it; the
 * server stores them as given and never reads them (decision 054).
 */

const anchorPart = z
  .string()
  .max(400)
  .regex(/^[A-Za-z0-9+/_-]+={0,2}$/, 'base64');

export const noteCommentCreateSchema = z.strictObject({
  body: z.string().trim().min(1).max(2000),
  /** The passage as it read when commented (shown if the passage is gone). */
  quote: z.string().max(500),
  anchor: z.strictObject({ start: anchorPart, end: anchorPart }),
});
export type NoteCommentCreate = z.infer<typeof noteCommentCreateSchema>;

export const noteCommentSchema = z.object({
  id: z.string(),
  sessionId: z.string(),
  body: z.string(),
  quote: z.string(),
  anchor: z.object({ start: z.string(), end: z.string() }),
  author: z.object({ id: z.string(), name: z.string() }).nullable(),
  createdAt: z.string(),
  resolvedAt: z.string().nullable(),
  resolvedBy: z.object({ id: z.string(), name: z.string() }).nullable(),
  /** Whether the viewer wrote it. */
  isMine: z.boolean(),
});
export type NoteComment = z.infer<typeof noteCommentSchema>;

declare module './live.ts' {
  interface LiveEvents {
    /** A comment was added to or resolved in the session's notes: followers read the list again. */
    'notes.comments.updated': { sessionId: string };
  }
}
