import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useRef } from 'react';
import type { z } from 'zod';
import type {
  Board,
  BoardCreateInput,
  BoardNote,
  BoardPatch,
  BoardSummary,
  BoardZone,
  myDotsSchema,
  NoteCreateInput,
  NotePatch,
  ZoneCreateInput,
  ZonePatch,
} from '../../../contract/board.ts';
import { BoardFollower } from '../../../contract/board-follower.ts';
import type { Action } from '../../../contract/session.ts';
import { apiRequest, apiSend } from '../../lib/api-client.ts';
import { useCreateMutation } from '../../lib/use-create-mutation.ts';
import { useLiveTopic } from '../../lib/use-live-topic.ts';
import { usePagedList } from '../../lib/use-paged-list.ts';
import { circlePath } from '../circles/circle-api.ts';

export const boardKeys = {
  ofCircle: (circleId: string) => ['circles', circleId, 'boards'] as const,
  detail: (id: string) => ['boards', id] as const,
};

const boardPath = (id: string) => `/api/v1/boards/${encodeURIComponent(id)}`;
const notePath = (id: string) => `/api/v1/notes/${encodeURIComponent(id)}`;

export function useCircleBoards(circleId: string, enabled = true) {
  return usePagedList<BoardSummary>(boardKeys.ofCircle(circleId), `${circlePath(circleId)}/boards`, {
    enabled,
    retry: false,
  });
}

/**
 * The board, kept in step with the server: each live event on `board:<id>` patches the cached
 * board (board-follower.ts, decision 043); the board is read again only once the subscription
 * holds, after a gap or a resync, or when an event changes much at once. `presence` is how many
 * people the server says are here (null until it says so).
 */
export function useBoard(
  id: string,
  onFocus?: (focus: { zoneId: string; by: string; byId: string }) => void,
) {
  const queryClient = useQueryClient();
  const focusListener = useRef(onFocus);
  focusListener.current = onFocus;
  const follower = useMemo(() => {
    const key = boardKeys.detail(id);
    return new BoardFollower({
      get: () => queryClient.getQueryData<Board>(key),
      set: (board) => queryClient.setQueryData(key, board),
      refetch: () => void queryClient.invalidateQueries({ queryKey: key }),
    });
  }, [id, queryClient]);
  useEffect(() => () => follower.stop(), [follower]);
  const presence = useLiveTopic(
    `board:${id}`,
    (event) => {
      if (event?.type === 'board.focus')
        focusListener.current?.({ zoneId: event.zoneId, by: event.by, byId: event.byId });
      return event ? follower.onEvent(event) : follower.onResync();
    },
    () => follower.onResync(),
  );
  const board = useQuery({
    queryKey: boardKeys.detail(id),
    queryFn: ({ signal }) => follower.load(() => apiRequest<Board>(boardPath(id), { signal })),
    staleTime: 0,
  });
  return { board, presence };
}

export function useCreateBoard(circleId: string) {
  const queryClient = useQueryClient();
  return useCreateMutation({
    mutationFn: (input: BoardCreateInput) =>
      apiRequest<Board>(`${circlePath(circleId)}/boards`, { method: 'POST', body: input }),
    onSuccess: (board) => {
      queryClient.setQueryData(boardKeys.detail(board.id), board);
      void queryClient.invalidateQueries({ queryKey: boardKeys.ofCircle(circleId) });
    },
  });
}

/** A write that answers with a part only (a post-it, dots): the board is fetched again. */
function useBoardWrite<V, R>(boardId: string, request: (variables: V) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: request,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: boardKeys.detail(boardId) }),
  });
}

/** A write that answers with the whole board: it replaces the cached one. */
function useBoardReplace<V>(boardId: string, request: (variables: V) => Promise<Board>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: request,
    onSuccess: (board) => queryClient.setQueryData(boardKeys.detail(boardId), board),
  });
}

export function usePatchBoard(boardId: string) {
  return useBoardReplace(boardId, (patch: BoardPatch) =>
    apiRequest<Board>(boardPath(boardId), { method: 'PATCH', body: patch }),
  );
}

/** Deletes a board with its post-its; the circle's list is read again. */
export function useDeleteBoard(board: Pick<Board, 'id' | 'circleId'>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => apiSend(boardPath(board.id), { method: 'DELETE' }),
    onSuccess: () => {
      queryClient.removeQueries({ queryKey: boardKeys.detail(board.id) });
      void queryClient.invalidateQueries({ queryKey: boardKeys.ofCircle(board.circleId) });
    },
  });
}

export function useReveal(boardId: string) {
  return useBoardReplace(boardId, (what: 'notes' | 'dots') =>
    apiRequest<Board>(`${boardPath(boardId)}/reveal`, { method: 'POST', body: { what } }),
  );
}

export function useAddNote(boardId: string) {
  return useBoardWrite(boardId, (input: NoteCreateInput) =>
    apiRequest<BoardNote>(`${boardPath(boardId)}/notes`, { method: 'POST', body: input }),
  );
}

export function usePatchNote(boardId: string) {
  return useBoardWrite(boardId, ({ noteId, patch }: { noteId: string; patch: NotePatch }) =>
    apiRequest<BoardNote>(notePath(noteId), { method: 'PATCH', body: patch }),
  );
}

export function useDeleteNote(boardId: string) {
  return useBoardWrite(boardId, (noteId: string) => apiSend(notePath(noteId), { method: 'DELETE' }));
}

/**
 * Dots change in the cache at once (so two quick clicks count twice), then the board is read
 * again; a refused change (budget, timer) puts the board back as it was.
 */
export function usePutDots(boardId: string) {
  const queryClient = useQueryClient();
  const key = boardKeys.detail(boardId);
  return useMutation({
    // One at a time, in order: a later "3 dots" must never be overtaken by an earlier "2 dots".
    scope: { id: `dots:${boardId}` },
    mutationFn: ({ noteId, count }: { noteId: string; count: number }) =>
      apiRequest<z.infer<typeof myDotsSchema>>(`${notePath(noteId)}/dots/me`, {
        method: 'PUT',
        body: { count },
      }),
    onMutate: async ({ noteId, count }) => {
      await queryClient.cancelQueries({ queryKey: key });
      const before = queryClient.getQueryData<Board>(key);
      if (before) {
        const note = before.notes.find((n) => n.id === noteId);
        const delta = count - (note?.myDots ?? 0);
        queryClient.setQueryData<Board>(key, {
          ...before,
          myDotsUsed: before.myDotsUsed + delta,
          notes: before.notes.map((n) =>
            n.id === noteId ? { ...n, myDots: count, dots: n.dots === null ? null : n.dots + delta } : n,
          ),
        });
      }
      return { before };
    },
    onError: (_error, _variables, context) => {
      if (context?.before) queryClient.setQueryData(key, context.before);
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: key }),
  });
}

export function useNoteToAction(boardId: string) {
  return useBoardWrite(
    boardId,
    ({ noteId, input }: { noteId: string; input: { title?: string; ownerIds?: string[]; dueOn?: string } }) =>
      apiRequest<Action>(`${notePath(noteId)}/action`, { method: 'POST', body: input }),
  );
}

export function useCreateCluster(boardId: string) {
  return useBoardReplace(boardId, (input: { title: string; noteIds?: string[] }) =>
    apiRequest<Board>(`${boardPath(boardId)}/clusters`, { method: 'POST', body: input }),
  );
}

export function useRenameCluster(boardId: string) {
  return useBoardReplace(boardId, ({ clusterId, title }: { clusterId: string; title: string }) =>
    apiRequest<Board>(`/api/v1/clusters/${encodeURIComponent(clusterId)}`, {
      method: 'PATCH',
      body: { title },
    }),
  );
}

export function useDeleteCluster(boardId: string) {
  return useBoardReplace(boardId, (clusterId: string) =>
    apiRequest<Board>(`/api/v1/clusters/${encodeURIComponent(clusterId)}`, { method: 'DELETE' }),
  );
}

const zonePath = (id: string) => `/api/v1/zones/${encodeURIComponent(id)}`;

/** Zone writes: the live event patches every follower's copy, this tab's included. */
export function useCreateZone(boardId: string) {
  return useBoardWrite(boardId, (input: ZoneCreateInput) =>
    apiRequest<BoardZone>(`${boardPath(boardId)}/zones`, { method: 'POST', body: input }),
  );
}

export function usePatchZone(boardId: string) {
  return useBoardWrite(boardId, ({ zoneId, patch }: { zoneId: string; patch: ZonePatch }) =>
    apiRequest<BoardZone>(zonePath(zoneId), { method: 'PATCH', body: patch }),
  );
}

export function useDeleteZone(boardId: string) {
  return useBoardWrite(boardId, (zoneId: string) => apiSend(zonePath(zoneId), { method: 'DELETE' }));
}

/** Brings everyone's view to a zone (a live event only: nothing to read again). */
export function useFocusZone(boardId: string) {
  return useMutation({
    mutationFn: (zoneId: string) =>
      apiSend(`${boardPath(boardId)}/focus`, { method: 'POST', body: { zoneId } }),
  });
}

export function useImportCsv(boardId: string) {
  return useBoardWrite(boardId, (csv: string) =>
    apiRequest<{ imported: number; categoriesCreated: number }>(`${boardPath(boardId)}/import`, {
      method: 'POST',
      body: { csv },
    }),
  );
}

export const boardCsvUrl = (boardId: string) => `${boardPath(boardId)}/export.csv`;
