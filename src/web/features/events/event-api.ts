import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  EventCreateInput,
  EventDto,
  EventPatchInput,
  EventSummaryDto,
  OrganiserRegistrationDto,
  RegistrationDto,
  RegistrationLinkDto,
  SiteCreateInput,
  SiteDto,
  SitePatchInput,
  SlotCreateInput,
  SlotDto,
  SlotPatchInput,
} from '../../../contract/event.ts';
import { apiRequest, apiSend } from '../../lib/api-client.ts';
import { useCreateMutation } from '../../lib/use-create-mutation.ts';
import { useLiveTopic } from '../../lib/use-live-topic.ts';
import { usePagedList } from '../../lib/use-paged-list.ts';

export const eventKeys = {
  ofCommunity: (slug: string) => ['communities', slug, 'events'] as const,
  detail: (id: string) => ['events', id] as const,
  registrations: (id: string) => ['events', id, 'registrations'] as const,
  link: (token: string) => ['registration-links', token] as const,
};

const enc = encodeURIComponent;
export const communityEventsPath = (slug: string) => `/api/v1/communities/${enc(slug)}/events`;
export const eventPath = (id: string) => `/api/v1/events/${enc(id)}`;
export const registrationPath = (id: string) => `/api/v1/registrations/${enc(id)}`;
export const linkPath = (token: string) => `/api/v1/registration-links/${enc(token)}`;

/** The public `.ics` feed of a community's events (a calendar application subscribes to it). */
export const communityFeedUrl = (slug: string) => `${communityEventsPath(slug)}.ics`;
export const myCalendarUrl = (registrationId: string) => `${registrationPath(registrationId)}/calendar.ics`;
export const linkCalendarUrl = (token: string) => `${linkPath(token)}/calendar.ics`;
export const registrationsCsvUrl = (eventId: string) => `${eventPath(eventId)}/registrations.csv`;

export function useCommunityEvents(slug: string) {
  return usePagedList<EventSummaryDto>(eventKeys.ofCommunity(slug), communityEventsPath(slug));
}

/**
 * The event, refetched when registrations or the programme change (`event:<id>`). Visitors
 * without an account cannot open the live connection: they follow nothing.
 */
export function useEvent(id: string, isSignedIn: boolean) {
  const queryClient = useQueryClient();
  useLiveTopic(isSignedIn ? `event:${id}` : null, () => {
    void queryClient.invalidateQueries({ queryKey: eventKeys.detail(id) });
  });
  return useQuery({
    queryKey: eventKeys.detail(id),
    queryFn: ({ signal }) => apiRequest<EventDto>(eventPath(id), { signal }),
  });
}

/** After a change to the event: its page, its registrations and its community's list. */
function useRefreshEvent(id: string) {
  const queryClient = useQueryClient();
  return (event?: EventDto) => {
    if (event) queryClient.setQueryData(eventKeys.detail(id), event);
    else void queryClient.invalidateQueries({ queryKey: eventKeys.detail(id), exact: true });
    void queryClient.invalidateQueries({ queryKey: eventKeys.registrations(id) });
    void queryClient.invalidateQueries({ queryKey: ['communities'], predicate: isEventList });
  };
}

const isEventList = (query: { queryKey: readonly unknown[] }) => query.queryKey[2] === 'events';

export function useCreateEvent(slug: string) {
  const queryClient = useQueryClient();
  return useCreateMutation({
    mutationFn: (input: EventCreateInput) =>
      apiRequest<EventDto>(communityEventsPath(slug), { method: 'POST', body: input }),
    onSuccess: (event) => {
      queryClient.setQueryData(eventKeys.detail(event.id), event);
      void queryClient.invalidateQueries({ queryKey: eventKeys.ofCommunity(slug) });
    },
  });
}

export function useUpdateEvent(id: string) {
  const refresh = useRefreshEvent(id);
  return useMutation({
    mutationFn: (input: EventPatchInput) =>
      apiRequest<EventDto>(eventPath(id), { method: 'PATCH', body: input }),
    onSuccess: (event) => refresh(event),
  });
}

export function useDeleteEvent(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => apiSend(eventPath(id), { method: 'DELETE' }),
    onSuccess: () => {
      queryClient.removeQueries({ queryKey: eventKeys.detail(id) });
      void queryClient.invalidateQueries({ queryKey: ['communities'], predicate: isEventList });
    },
  });
}

export function useSaveSite(eventId: string) {
  const refresh = useRefreshEvent(eventId);
  return useMutation({
    mutationFn: ({ siteId, input }: { siteId?: string; input: SiteCreateInput | SitePatchInput }) =>
      siteId
        ? apiRequest<SiteDto>(`${eventPath(eventId)}/sites/${enc(siteId)}`, { method: 'PATCH', body: input })
        : apiRequest<SiteDto>(`${eventPath(eventId)}/sites`, { method: 'POST', body: input }),
    onSuccess: () => refresh(),
  });
}

export function useDeleteSite(eventId: string) {
  const refresh = useRefreshEvent(eventId);
  return useMutation({
    mutationFn: (siteId: string) =>
      apiSend(`${eventPath(eventId)}/sites/${enc(siteId)}`, { method: 'DELETE' }),
    onSuccess: () => refresh(),
  });
}

export function useSaveSlot(eventId: string) {
  const refresh = useRefreshEvent(eventId);
  return useMutation({
    mutationFn: ({ slotId, input }: { slotId?: string; input: SlotCreateInput | SlotPatchInput }) =>
      slotId
        ? apiRequest<SlotDto>(`${eventPath(eventId)}/slots/${enc(slotId)}`, { method: 'PATCH', body: input })
        : apiRequest<SlotDto>(`${eventPath(eventId)}/slots`, { method: 'POST', body: input }),
    onSuccess: () => refresh(),
  });
}

export function useDeleteSlot(eventId: string) {
  const refresh = useRefreshEvent(eventId);
  return useMutation({
    mutationFn: (slotId: string) =>
      apiSend(`${eventPath(eventId)}/slots/${enc(slotId)}`, { method: 'DELETE' }),
    onSuccess: () => refresh(),
  });
}

export interface GuestRegistrationInput {
  name: string;
  email: string;
  slotIds: string[];
}

/** Registers the signed-in member (`{slotIds}`) or a guest (`{name, email, slotIds}`). */
export function useRegister(eventId: string) {
  const refresh = useRefreshEvent(eventId);
  return useCreateMutation({
    mutationFn: (input: { slotIds: string[] } | GuestRegistrationInput) =>
      apiRequest<RegistrationDto>(`${eventPath(eventId)}/registrations`, { method: 'POST', body: input }),
    onSuccess: () => refresh(),
  });
}

export function useChangeSlots(eventId: string) {
  const refresh = useRefreshEvent(eventId);
  return useMutation({
    mutationFn: ({ registrationId, slotIds }: { registrationId: string; slotIds: string[] }) =>
      apiRequest<RegistrationDto>(`${registrationPath(registrationId)}/slots`, {
        method: 'PUT',
        body: { slotIds },
      }),
    onSuccess: () => refresh(),
  });
}

export function useCancelRegistration(eventId: string) {
  const refresh = useRefreshEvent(eventId);
  return useMutation({
    mutationFn: (registrationId: string) => apiSend(registrationPath(registrationId), { method: 'DELETE' }),
    onSuccess: () => refresh(),
  });
}

export function useEventRegistrations(eventId: string) {
  return usePagedList<OrganiserRegistrationDto>(
    eventKeys.registrations(eventId),
    `${eventPath(eventId)}/registrations`,
  );
}

export function useSetAttendance(eventId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({
      registrationId,
      attendance,
    }: {
      registrationId: string;
      attendance: 'present' | 'absent' | null;
    }) => apiSend(`${registrationPath(registrationId)}/attendance`, { method: 'PUT', body: { attendance } }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: eventKeys.registrations(eventId) }),
  });
}

export function useRegistrationLink(token: string) {
  return useQuery({
    queryKey: eventKeys.link(token),
    queryFn: ({ signal }) => apiRequest<RegistrationLinkDto>(linkPath(token), { signal }),
    retry: false,
  });
}

/** Confirms (`confirm`) or cancels (`cancel`) a guest's registration from their link. */
export function useLinkAction(token: string, action: 'confirm' | 'cancel') {
  const queryClient = useQueryClient();
  return useCreateMutation({
    mutationFn: () => apiRequest<RegistrationLinkDto>(`${linkPath(token)}/${action}`, { method: 'POST' }),
    onSuccess: (link) => queryClient.setQueryData(eventKeys.link(token), link),
    // A refusal (used, expired) means the page shows an old state: read it again.
    onError: () => void queryClient.invalidateQueries({ queryKey: eventKeys.link(token) }),
  });
}
