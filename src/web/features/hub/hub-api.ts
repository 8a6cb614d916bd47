import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import type { CommunityDashboard, CommunityHome, DashboardPeople } from '../../../contract/hub.ts';
import { apiRequest } from '../../lib/api-client.ts';
import { communityKeys, communityPath } from '../communities/community-api.ts';

/** Under the community's key: joining, leaving or editing it refreshes its home too. */
const hubKeys = {
  home: (slug: string) => [...communityKeys.detail(slug), 'home'] as const,
  dashboard: (slug: string, from: string, to: string) =>
    [...communityKeys.detail(slug), 'dashboard', { from, to }] as const,
  people: (slug: string, from: string, to: string) =>
    [...communityKeys.detail(slug), 'dashboard-people', { from, to }] as const,
};

export function useCommunityHome(slug: string) {
  return useQuery({
    queryKey: hubKeys.home(slug),
    queryFn: ({ signal }) => apiRequest<CommunityHome>(`${communityPath(slug)}/home`, { signal }),
  });
}

const periodQuery = (from: string, to: string, extra: Record<string, string> = {}) => {
  const params = new URLSearchParams(extra);
  if (from) params.set('from', from);
  if (to) params.set('to', to);
  const query = params.toString();
  return query ? `?${query}` : '';
};

/**
 * The dashboard, its circles page after page on demand: `data` is the first page's total and
 * territories with the circles of every page loaded so far. Their people active come apart
 * (useDashboardPeople): a distinct count, which the rest need not wait for.
 */
export function useDashboard(slug: string, from: string, to: string) {
  return useInfiniteQuery({
    queryKey: hubKeys.dashboard(slug, from, to),
    queryFn: ({ signal, pageParam }) =>
      apiRequest<CommunityDashboard>(
        `${communityPath(slug)}/dashboard${periodQuery(from, to, { people: 'apart', ...(pageParam ? { cursor: pageParam } : {}) })}`,
        { signal },
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor ?? null,
    select: (data): CommunityDashboard => {
      const [first, ...rest] = data.pages;
      if (!first) throw new Error('no page');
      return { ...first, circles: [first, ...rest].flatMap((page) => page.circles) };
    },
  });
}

/**
 * The people active of the total and the territories, which the dashboard leaves null; asked once
 * the dashboard has answered (`enabled`), so that it never waits behind this count.
 */
export function useDashboardPeople(slug: string, from: string, to: string, enabled: boolean) {
  return useQuery({
    queryKey: hubKeys.people(slug, from, to),
    enabled,
    queryFn: ({ signal }) =>
      apiRequest<DashboardPeople>(`${communityPath(slug)}/dashboard/people${periodQuery(from, to)}`, {
        signal,
      }),
  });
}

/** The CSV download; French spreadsheets expect semicolons (and decimals with a comma). */
export function dashboardCsvPath(slug: string, from: string, to: string, semicolon: boolean) {
  return `${communityPath(slug)}/dashboard.csv${periodQuery(from, to, semicolon ? { separator: 'semicolon' } : {})}`;
}
