import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { SearchResponse } from '../../../contract/search.ts';
import type { SearchKind } from '../../../domain/search.ts';
import { apiRequest } from '../../lib/api-client.ts';

export interface SearchParams {
  q: string;
  community?: string | undefined;
  kind?: SearchKind | undefined;
  /** One circle of the community (only with `community`). */
  circleId?: string | undefined;
  /** A région ("R75", with its départements) or a département ("33"). */
  territory?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  offset?: number | undefined;
  limit?: number | undefined;
}

/** The search's query string, with only what is set. */
export function searchQueryString(params: SearchParams): string {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value !== undefined && value !== '' && !(name === 'offset' && value === 0))
      query.set(name, String(value));
  }
  return query.toString();
}

/** One page of results; the previous page stays on screen while the next one loads. */
export function useSearch(params: SearchParams) {
  const query = searchQueryString(params);
  return useQuery({
    queryKey: ['search', query],
    queryFn: () => apiRequest<SearchResponse>(`/api/v1/search?${query}`),
    enabled: params.q.trim() !== '',
    placeholderData: keepPreviousData,
  });
}
