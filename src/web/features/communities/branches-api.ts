import { useQuery } from '@tanstack/react-query';
import type { CommunityBranch } from '../../../contract/community.ts';
import { apiRequest } from '../../lib/api-client.ts';
import { communityKeys, communityPath } from './community-api.ts';

/** A community's territorial branches; under the community's key, so joining one refreshes the list. */
export function useCommunityBranches(slug: string) {
  return useQuery({
    queryKey: [...communityKeys.detail(slug), 'branches'] as const,
    queryFn: ({ signal }) =>
      apiRequest<{ items: CommunityBranch[] }>(`${communityPath(slug)}/branches`, { signal }).then(
        (page) => page.items,
      ),
  });
}
