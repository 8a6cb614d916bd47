import { useQuery } from '@tanstack/react-query';
import type { CommunityMap, TerritoryDto } from '../../../contract/territory.ts';
import { apiRequest } from '../../lib/api-client.ts';

export const territoryKeys = {
  all: ['territories'] as const,
  map: (slug: string) => ['communities', 'detail', slug, 'map'] as const,
};

/** The bundled régions and départements: the same for as long as the server runs. */
export function useTerritories(enabled = true) {
  return useQuery({
    enabled,
    queryKey: territoryKeys.all,
    queryFn: ({ signal }) =>
      apiRequest<{ items: TerritoryDto[] }>('/api/v1/territories', { signal }).then((list) => list.items),
    staleTime: Number.POSITIVE_INFINITY,
    gcTime: Number.POSITIVE_INFINITY,
  });
}

export function useCommunityMap(slug: string) {
  return useQuery({
    queryKey: territoryKeys.map(slug),
    queryFn: ({ signal }) =>
      apiRequest<CommunityMap>(`/api/v1/communities/${encodeURIComponent(slug)}/map`, { signal }),
  });
}

/** Territories by key, for naming codes. */
export function territoryIndex(items: readonly TerritoryDto[] | undefined): Map<string, TerritoryDto> {
  return new Map((items ?? []).map((territory) => [territory.code, territory]));
}
