import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { SessionGuests } from '../../../contract/guest.ts';
import { Badge } from '../../components/badge.tsx';
import { apiRequest } from '../../lib/api-client.ts';

/** The session's guests by a code (one request per session, shared by every badge of the page). */
export function useSessionGuests(sessionId: string | null) {
  return useQuery({
    queryKey: ['sessions', sessionId, 'guests'],
    queryFn: ({ signal }) =>
      apiRequest<SessionGuests>(`/api/v1/sessions/${encodeURIComponent(sessionId ?? '')}/guests`, { signal }),
    enabled: sessionId !== null,
    staleTime: 30_000,
    retry: false,
  });
}

/** "invité·e" beside a person's name when they took part in the session as a guest (decision 051). */
export function GuestBadge({ sessionId, userId }: { sessionId: string | null; userId: string | undefined }) {
  const { t } = useTranslation();
  const guests = useSessionGuests(sessionId);
  if (!userId || !guests.data?.items.some((guest) => guest.id === userId)) return null;
  return <Badge tone="accent">{t('guests.badge')}</Badge>;
}
