import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  ChallengeDto,
  challengeCreateSchema,
  challengePatchSchema,
  RoleDto,
  roleCreateSchema,
} from '../../../contract/challenge.ts';
import { apiRequest, apiSend } from '../../lib/api-client.ts';
import { useCreateMutation } from '../../lib/use-create-mutation.ts';
import { useLiveTopic } from '../../lib/use-live-topic.ts';

export type ChallengeCreateInput = z.input<typeof challengeCreateSchema>;
export type ChallengePatch = z.input<typeof challengePatchSchema>;
export type RoleCreateInput = z.input<typeof roleCreateSchema>;

/**
 * The event page's query key (it reads challenges and roles from `GET /events/{id}`): the events
 * web feature's `eventKeys.detail`, written here until both are on main.
 */
export const eventKey = (eventId: string) => ['events', eventId] as const;
export const challengeKey = (id: string) => ['challenge', id] as const;

const enc = encodeURIComponent;
export const challengePath = (id: string) => `/api/v1/challenges/${enc(id)}`;
const rolePath = (id: string) => `/api/v1/event-roles/${enc(id)}`;

/** The challenge, read again when its event changes (someone joined a team, the outcome was written). */
export function useChallenge(id: string, isSignedIn: boolean) {
  const queryClient = useQueryClient();
  const query = useQuery({
    queryKey: challengeKey(id),
    queryFn: ({ signal }) => apiRequest<ChallengeDto>(challengePath(id), { signal }),
    retry: false,
  });
  const eventId = query.data?.eventId;
  useLiveTopic(isSignedIn && eventId ? `event:${eventId}` : null, () => {
    void queryClient.invalidateQueries({ queryKey: challengeKey(id) });
    if (eventId) void queryClient.invalidateQueries({ queryKey: eventKey(eventId) });
  });
  return query;
}

/** After a change: the event (its challenges and roles) and the challenge's own page read again. */
function useRefresh(eventId: string) {
  const queryClient = useQueryClient();
  return (challenge?: ChallengeDto) => {
    if (challenge) queryClient.setQueryData(challengeKey(challenge.id), challenge);
    void queryClient.invalidateQueries({ queryKey: eventKey(eventId), exact: true });
    void queryClient.invalidateQueries({ queryKey: ['event', eventId] });
  };
}

export function useCreateChallenge(eventId: string) {
  const refresh = useRefresh(eventId);
  return useCreateMutation({
    mutationFn: (input: ChallengeCreateInput) =>
      apiRequest<ChallengeDto>(`/api/v1/events/${enc(eventId)}/challenges`, { method: 'POST', body: input }),
    onSuccess: refresh,
  });
}

export function usePatchChallenge(eventId: string, id: string) {
  const refresh = useRefresh(eventId);
  return useCreateMutation({
    mutationFn: (patch: ChallengePatch) =>
      apiRequest<ChallengeDto>(challengePath(id), { method: 'PATCH', body: patch }),
    onSuccess: refresh,
  });
}

export function useDeleteChallenge(eventId: string, id: string) {
  const refresh = useRefresh(eventId);
  const queryClient = useQueryClient();
  return useCreateMutation({
    mutationFn: () => apiSend(challengePath(id), { method: 'DELETE' }),
    onSuccess: () => {
      queryClient.removeQueries({ queryKey: challengeKey(id) });
      refresh();
    },
  });
}

export function useAddTeam(eventId: string, id: string) {
  const refresh = useRefresh(eventId);
  return useCreateMutation({
    mutationFn: (name: string) =>
      apiRequest<ChallengeDto>(`${challengePath(id)}/teams`, { method: 'POST', body: { name } }),
    onSuccess: refresh,
  });
}

/** Join a team (`teamId`), or the first with room (a new one when all are full); or leave (`null`). */
export function useMyTeam(eventId: string, id: string) {
  const refresh = useRefresh(eventId);
  return useCreateMutation({
    mutationFn: (teamId: string | undefined | null) =>
      apiRequest<ChallengeDto>(
        `${challengePath(id)}/teams/me`,
        teamId === null
          ? { method: 'DELETE' }
          : { method: 'POST', body: teamId === undefined ? {} : { teamId } },
      ),
    onSuccess: refresh,
  });
}

export function useCreateRole(eventId: string) {
  const refresh = useRefresh(eventId);
  return useCreateMutation({
    mutationFn: (input: RoleCreateInput) =>
      apiRequest<RoleDto>(`/api/v1/events/${enc(eventId)}/roles`, { method: 'POST', body: input }),
    onSuccess: () => refresh(),
  });
}

/** Take a role (`true`) or release it (`false`). */
export function useTakeRole(eventId: string, id: string) {
  const refresh = useRefresh(eventId);
  return useCreateMutation({
    mutationFn: (take: boolean) =>
      apiRequest<RoleDto>(`${rolePath(id)}/takers/me`, { method: take ? 'POST' : 'DELETE' }),
    onSuccess: () => refresh(),
  });
}

export function useDeleteRole(eventId: string, id: string) {
  const refresh = useRefresh(eventId);
  return useCreateMutation({
    mutationFn: () => apiSend(rolePath(id), { method: 'DELETE' }),
    onSuccess: () => refresh(),
  });
}
