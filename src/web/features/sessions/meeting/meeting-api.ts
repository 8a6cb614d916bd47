import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  AgendaLink,
  AgendaLinkCreateInput,
  AgendaLinkTarget,
  Session,
  SpeakingHand,
  TimerAction,
} from '../../../../contract/session.ts';
import { apiRequest } from '../../../lib/api-client.ts';
import type { ListOf } from '../../../lib/list-of.ts';
import { sessionKeys, sessionPath } from '../session-keys.ts';

/** Pause, resume, "+2 min": the answer is the whole session, which replaces the cached one. */
export function useSteerTimer(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (action: TimerAction) =>
      apiRequest<Session>(`${sessionPath(id)}/timer`, { method: 'POST', body: action }),
    onSuccess: (session) => queryClient.setQueryData(sessionKeys.detail(id), session),
  });
}

/** A change of the speaking queue: its answer (the queue) goes into the cached session. */
function useHandsWrite<V>(id: string, request: (variables: V) => Promise<ListOf<SpeakingHand>>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: request,
    onSuccess: ({ items }) =>
      queryClient.setQueryData<Session>(sessionKeys.detail(id), (session) =>
        session ? { ...session, hands: items } : session,
      ),
  });
}

const handsPath = (id: string, who: string) => `${sessionPath(id)}/hands/${encodeURIComponent(who)}`;

export function useMyHand(id: string) {
  return useHandsWrite(id, (isRaised: boolean) =>
    apiRequest<ListOf<SpeakingHand>>(handsPath(id, 'me'), { method: isRaised ? 'PUT' : 'DELETE' }),
  );
}

export function useGiveFloor(id: string) {
  return useHandsWrite(id, (userId: string) =>
    apiRequest<ListOf<SpeakingHand>>(`${handsPath(id, userId)}/floor`, { method: 'POST' }),
  );
}

export function useLowerHand(id: string) {
  return useHandsWrite(id, (userId: string) =>
    apiRequest<ListOf<SpeakingHand>>(handsPath(id, userId), { method: 'DELETE' }),
  );
}

export function useClearHands(id: string) {
  return useHandsWrite(id, (_: undefined) =>
    apiRequest<ListOf<SpeakingHand>>(`${sessionPath(id)}/hands`, { method: 'DELETE' }),
  );
}

/** What the circle holds that the agenda may link (facilitators). */
export function useLinkTargets(id: string, isEnabled: boolean) {
  return useQuery({
    queryKey: [...sessionKeys.detail(id), 'link-targets'],
    queryFn: ({ signal }) =>
      apiRequest<ListOf<AgendaLinkTarget>>(`${sessionPath(id)}/agenda-link-targets`, { signal }),
    enabled: isEnabled,
  });
}

function useLinksWrite<V>(id: string, request: (variables: V) => Promise<ListOf<AgendaLink>>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: request,
    onSuccess: ({ items }) =>
      queryClient.setQueryData<Session>(sessionKeys.detail(id), (session) =>
        session ? { ...session, agendaLinks: items } : session,
      ),
  });
}

export function useAddAgendaLink(id: string) {
  return useLinksWrite(id, (input: AgendaLinkCreateInput) =>
    apiRequest<ListOf<AgendaLink>>(`${sessionPath(id)}/agenda-links`, { method: 'POST', body: input }),
  );
}

export function useRemoveAgendaLink(id: string) {
  return useLinksWrite(id, (linkId: string) =>
    apiRequest<ListOf<AgendaLink>>(`${sessionPath(id)}/agenda-links/${encodeURIComponent(linkId)}`, {
      method: 'DELETE',
    }),
  );
}
