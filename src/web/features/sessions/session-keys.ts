import type { SessionSummary } from '../../../contract/session.ts';
import { usePagedList } from '../../lib/use-paged-list.ts';

/**
 * What the home page needs of sessions, kept apart from session-api.ts: the home is in the first
 * chunk every visitor loads, and importing session-api.ts there would bring every session hook.
 */
export const sessionKeys = {
  all: ['sessions'] as const,
  detail: (id: string) => ['sessions', id] as const,
  ofCircle: (circleId: string) => ['circles', circleId, 'sessions'] as const,
  // Not under ['me']: signing out keeps ['me'] queries, and this list is private.
  mine: ['my-sessions'] as const,
};

export function sessionPath(id: string): string {
  return `/api/v1/sessions/${encodeURIComponent(id)}`;
}

export function useMySessions(enabled = true, when: 'upcoming' | 'past' = 'upcoming') {
  return usePagedList<SessionSummary>([...sessionKeys.mine, when], `/api/v1/me/sessions?when=${when}`, {
    enabled,
  });
}
