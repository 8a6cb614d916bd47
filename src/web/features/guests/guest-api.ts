import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { GuestClaimResult, GuestCode, GuestHome, GuestJoinInput } from '../../../contract/guest.ts';
import type { Poll } from '../../../contract/poll.ts';
import { apiRequest, apiSend } from '../../lib/api-client.ts';
import { boardKeys } from '../boards/board-api.ts';

const codesKey = (sessionId: string) => ['sessions', sessionId, 'guest-codes'] as const;
export const guestHomeKey = ['guest', 'home'] as const;

/** The session's open guest codes (its facilitators: callers pass `enabled`). */
export function useGuestCodes(sessionId: string, enabled: boolean) {
  return useQuery({
    queryKey: codesKey(sessionId),
    queryFn: ({ signal }) =>
      apiRequest<{ items: GuestCode[] }>(`/api/v1/sessions/${encodeURIComponent(sessionId)}/guest-codes`, {
        signal,
      }),
    enabled,
  });
}

export function useOpenGuestCode(sessionId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (durationMinutes: number) =>
      apiRequest<GuestCode>(`/api/v1/sessions/${encodeURIComponent(sessionId)}/guest-codes`, {
        method: 'POST',
        body: { durationMinutes },
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: codesKey(sessionId) }),
  });
}

export function useRevokeGuestCode(sessionId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (codeId: string) =>
      apiSend(`/api/v1/sessions/${encodeURIComponent(sessionId)}/guest-codes/${encodeURIComponent(codeId)}`, {
        method: 'DELETE',
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: codesKey(sessionId) }),
  });
}

/** What this browser's guest may use; a NOT_FOUND error when it is no guest (or no longer). */
export function useGuestHome() {
  return useQuery({
    queryKey: guestHomeKey,
    queryFn: ({ signal }) => apiRequest<GuestHome>('/api/v1/guests/me', { signal }),
    retry: false,
  });
}

export function useJoinAsGuest() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: GuestJoinInput) =>
      apiRequest<GuestHome>('/api/v1/guests', { method: 'POST', body: input }),
    onSuccess: (home) => queryClient.setQueryData(guestHomeKey, home),
  });
}

export function useLeaveAsGuest() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => apiSend('/api/v1/guests/me', { method: 'DELETE' }),
    onSuccess: () => queryClient.removeQueries({ queryKey: guestHomeKey }),
  });
}

export function useClaimGuest() {
  return useMutation({
    mutationFn: () => apiRequest<GuestClaimResult>('/api/v1/guests/me/claim', { method: 'POST' }),
  });
}

export function useAddGuestNote(boardId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    /** Placed where the guest's wall is looking, as a member's new post-it is. */
    mutationFn: (body: { text: string; wallX: number; wallY: number }) =>
      apiRequest(`/api/v1/boards/${encodeURIComponent(boardId)}/notes`, { method: 'POST', body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: boardKeys.detail(boardId) }),
  });
}

export function useGuestDots(boardId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ noteId, count }: { noteId: string; count: number }) =>
      apiRequest(`/api/v1/notes/${encodeURIComponent(noteId)}/dots/me`, { method: 'PUT', body: { count } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: boardKeys.detail(boardId) }),
  });
}

const pollKey = (pollId: string) => ['guest', 'poll', pollId] as const;

export function useGuestPoll(pollId: string) {
  return useQuery({
    queryKey: pollKey(pollId),
    queryFn: ({ signal }) => apiRequest<Poll>(`/api/v1/polls/${encodeURIComponent(pollId)}`, { signal }),
  });
}
