import { type QueryKey, useInfiniteQuery } from '@tanstack/react-query';
import { apiRequest } from './api-client.ts';
import type { ListOf } from './list-of.ts';

export interface PagedListOptions {
  enabled?: boolean;
  refetchInterval?: number | false;
  retry?: boolean;
}

/** The path with the cursor of the page to read, if any. */
function pagePath(path: string, cursor: string | null): string {
  if (cursor === null) return path;
  return `${path}${path.includes('?') ? '&' : '?'}cursor=${encodeURIComponent(cursor)}`;
}

/**
 * A paged list endpoint (docs/decisions/023), read page after page on demand: `data` is every item
 * of the pages loaded so far, `fetchNextPage` reads the next one. Invalidating the key refetches
 * the loaded pages from the first (their cursors stay valid: they are positions, not offsets).
 */
export function usePagedList<T>(queryKey: QueryKey, path: string, options: PagedListOptions = {}) {
  return useInfiniteQuery({
    queryKey,
    queryFn: ({ signal, pageParam }) => apiRequest<ListOf<T>>(pagePath(path, pageParam), { signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor ?? null,
    select: (data) => data.pages.flatMap((page) => page.items),
    ...options,
  });
}
