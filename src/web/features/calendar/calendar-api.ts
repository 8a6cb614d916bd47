import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CalendarFeed } from '../../../contract/calendar.ts';
import type { Session, SessionCancelInput } from '../../../contract/session.ts';
import { apiRequest } from '../../lib/api-client.ts';
import { sessionKeys, sessionPath } from '../sessions/session-api.ts';

// Not under ['me']: signing out keeps ['me'] queries, and this link is a secret.
const feedKey = ['calendar-feed'] as const;

/** The .ics of a session, for a download link. */
export function sessionCalendarUrl(sessionId: string): string {
  return `${sessionPath(sessionId)}/calendar.ics`;
}

/** The public feed of a circle (public circles only). */
export function circleCalendarUrl(circleId: string): string {
  return `/api/v1/circles/${encodeURIComponent(circleId)}/calendar.ics`;
}

export function useCalendarFeed() {
  return useQuery({
    queryKey: feedKey,
    queryFn: ({ signal }) => apiRequest<CalendarFeed>('/api/v1/me/calendar-feed', { signal }),
    staleTime: Number.POSITIVE_INFINITY,
  });
}

export function useRotateCalendarFeed() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => apiRequest<CalendarFeed>('/api/v1/me/calendar-feed/rotate', { method: 'POST' }),
    onSuccess: (feed) => queryClient.setQueryData(feedKey, feed),
  });
}

export function useCancelSession(sessionId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: SessionCancelInput) =>
      apiRequest<Session>(`${sessionPath(sessionId)}/cancel`, { method: 'POST', body: input }),
    onSuccess: (session) => {
      queryClient.setQueryData(sessionKeys.detail(session.id), session);
      void queryClient.invalidateQueries({ queryKey: sessionKeys.ofCircle(session.circleId) });
      void queryClient.invalidateQueries({ queryKey: sessionKeys.mine });
    },
  });
}
