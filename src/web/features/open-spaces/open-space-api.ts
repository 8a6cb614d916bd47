import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  OpenSpaceDto,
  OpenSpaceSessionDetailDto,
  OpenSpaceSessionPatchInput,
  OpenSpaceSummaryDto,
  openSpaceCreateSchema,
  openSpaceSessionCreateSchema,
} from '../../../contract/open-space.ts';
import { openSpaceTopic } from '../../../domain/open-space.ts';
import { apiRequest, apiSend, toApiError } from '../../lib/api-client.ts';
import { useCreateMutation } from '../../lib/use-create-mutation.ts';
import { useLiveTopic } from '../../lib/use-live-topic.ts';

export type OpenSpaceCreateInput = z.input<typeof openSpaceCreateSchema>;
export type OpenSpaceSessionCreateInput = z.input<typeof openSpaceSessionCreateSchema>;

export const openSpaceKeys = {
  all: ['open-spaces'] as const,
  detail: (id: string) => ['open-spaces', id] as const,
  session: (id: string, sessionId: string) => ['open-spaces', id, 'sessions', sessionId] as const,
  report: (id: string) => ['open-spaces', id, 'report'] as const,
  ofEvent: (eventId: string) => ['events', eventId, 'open-spaces'] as const,
};

export const openSpacePath = (id: string) => `/api/v1/open-spaces/${encodeURIComponent(id)}`;
export const openSpacePage = (id: string) => `/open-spaces/${encodeURIComponent(id)}`;
export const openSpaceSessionPage = (id: string, sessionId: string) =>
  `${openSpacePage(id)}/sessions/${encodeURIComponent(sessionId)}`;

/** Follows the grid live (signed-in people: the live connection needs an account). */
function useOpenSpaceLive(id: string, isSignedIn: boolean) {
  const queryClient = useQueryClient();
  useLiveTopic(isSignedIn ? openSpaceTopic(id) : null, () => {
    void queryClient.invalidateQueries({ queryKey: openSpaceKeys.detail(id) });
  });
}

/** The marketplace, refreshed whenever someone proposes, moves or says where they are. */
export function useOpenSpace(id: string, isSignedIn: boolean) {
  useOpenSpaceLive(id, isSignedIn);
  return useQuery({
    queryKey: openSpaceKeys.detail(id),
    queryFn: ({ signal }) => apiRequest<OpenSpaceDto>(openSpacePath(id), { signal }),
  });
}

export function useOpenSpaceSession(id: string, sessionId: string, isSignedIn: boolean) {
  const queryClient = useQueryClient();
  useLiveTopic(isSignedIn ? openSpaceTopic(id) : null, () => {
    void queryClient.invalidateQueries({ queryKey: openSpaceKeys.session(id, sessionId) });
  });
  return useQuery({
    queryKey: openSpaceKeys.session(id, sessionId),
    queryFn: ({ signal }) =>
      apiRequest<OpenSpaceSessionDetailDto>(
        `${openSpacePath(id)}/sessions/${encodeURIComponent(sessionId)}`,
        {
          signal,
        },
      ),
  });
}

export function useOpenSpaceReport(id: string, language: string) {
  return useQuery({
    queryKey: [...openSpaceKeys.report(id), language],
    queryFn: async ({ signal }) => {
      const response = await fetch(`${openSpacePath(id)}/report.md?lang=${language}`, {
        signal,
        credentials: 'same-origin',
        headers: { accept: 'text/markdown' },
      });
      if (!response.ok) throw await toApiError(response);
      return response.text();
    },
  });
}

export function useEventOpenSpaces(eventId: string) {
  return useQuery({
    queryKey: openSpaceKeys.ofEvent(eventId),
    queryFn: ({ signal }) =>
      apiRequest<{ items: OpenSpaceSummaryDto[] }>(
        `/api/v1/events/${encodeURIComponent(eventId)}/open-spaces`,
        { signal },
      ),
  });
}

export function useCreateOpenSpace(eventId: string) {
  const queryClient = useQueryClient();
  return useCreateMutation({
    mutationFn: (input: OpenSpaceCreateInput) =>
      apiRequest<OpenSpaceDto>(`/api/v1/events/${encodeURIComponent(eventId)}/open-space`, {
        method: 'POST',
        body: input,
      }),
    onSuccess: (space) => {
      queryClient.setQueryData(openSpaceKeys.detail(space.id), space);
      void queryClient.invalidateQueries({ queryKey: openSpaceKeys.ofEvent(eventId) });
    },
  });
}

export function useProposeSession(id: string) {
  const queryClient = useQueryClient();
  return useCreateMutation({
    mutationFn: (input: OpenSpaceSessionCreateInput) =>
      apiRequest<OpenSpaceSessionDetailDto>(`${openSpacePath(id)}/sessions`, { method: 'POST', body: input }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: openSpaceKeys.detail(id) }),
  });
}

export function usePatchSession(id: string, sessionId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: OpenSpaceSessionPatchInput) =>
      apiRequest<OpenSpaceSessionDetailDto>(
        `${openSpacePath(id)}/sessions/${encodeURIComponent(sessionId)}`,
        {
          method: 'PATCH',
          body: input,
        },
      ),
    onSuccess: (session) => {
      queryClient.setQueryData(openSpaceKeys.session(id, sessionId), session);
      void queryClient.invalidateQueries({ queryKey: openSpaceKeys.detail(id) });
    },
  });
}

export function useWithdrawSession(id: string, sessionId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () =>
      apiSend(`${openSpacePath(id)}/sessions/${encodeURIComponent(sessionId)}`, { method: 'DELETE' }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: openSpaceKeys.detail(id) }),
  });
}

/** Says where I am now (one place per time slot), or leaves a slot's place. */
export function usePresence(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { here: string } | { leaveSlot: string }) =>
      'here' in input
        ? apiRequest<OpenSpaceDto>(`${openSpacePath(id)}/presence`, {
            method: 'PUT',
            body: { sessionId: input.here },
          })
        : apiRequest<OpenSpaceDto>(
            `${openSpacePath(id)}/presence?slotId=${encodeURIComponent(input.leaveSlot)}`,
            { method: 'DELETE' },
          ),
    onSuccess: (space) => queryClient.setQueryData(openSpaceKeys.detail(id), space),
  });
}
