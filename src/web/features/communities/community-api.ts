import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  Community,
  CommunityCreateInput,
  communityJoinResultSchema,
  communityPatchSchema,
} from '../../../contract/community.ts';
import { apiRequest, apiSend } from '../../lib/api-client.ts';
import { useCreateMutation } from '../../lib/use-create-mutation.ts';
import { usePagedList } from '../../lib/use-paged-list.ts';

/** Everything about communities hangs under ['communities'], so one invalidation refreshes it all. */
export const communityKeys = {
  all: ['communities'] as const,
  list: (mine: boolean) => ['communities', 'list', { mine }] as const,
  detail: (slug: string) => ['communities', 'detail', slug] as const,
  members: (slug: string) => ['communities', 'detail', slug, 'members'] as const,
  invite: (slug: string) => ['communities', 'detail', slug, 'invite'] as const,
  circles: (slug: string) => ['communities', 'detail', slug, 'circles'] as const,
};

export function communityPath(slug: string): string {
  return `/api/v1/communities/${encodeURIComponent(slug)}`;
}

export function useCommunities({ mine = false, enabled = true }: { mine?: boolean; enabled?: boolean } = {}) {
  return usePagedList<Community>(communityKeys.list(mine), `/api/v1/communities${mine ? '?mine=true' : ''}`, {
    enabled,
  });
}

/** A community by its slug; none is asked for while the slug is empty. */
export function useCommunity(slug: string) {
  return useQuery({
    queryKey: communityKeys.detail(slug),
    queryFn: ({ signal }) => apiRequest<Community>(communityPath(slug), { signal }),
    enabled: slug !== '',
  });
}

export function useCreateCommunity() {
  const queryClient = useQueryClient();
  return useCreateMutation({
    mutationFn: (input: CommunityCreateInput) =>
      apiRequest<Community>('/api/v1/communities', { method: 'POST', body: input }),
    onSuccess: (community) => {
      queryClient.setQueryData(communityKeys.detail(community.slug), community);
      void queryClient.invalidateQueries({ queryKey: communityKeys.all });
    },
  });
}

export function useUpdateCommunity(slug: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (patch: z.output<typeof communityPatchSchema>) =>
      apiRequest<Community>(communityPath(slug), { method: 'PATCH', body: patch }),
    onSuccess: (community) => {
      queryClient.setQueryData(communityKeys.detail(slug), community);
      void queryClient.invalidateQueries({ queryKey: communityKeys.all });
    },
  });
}

/** Joining or leaving changes what the reader may see of the community's circles too. */
function useMembershipRefresh() {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: communityKeys.all }),
      queryClient.invalidateQueries({ queryKey: ['circles'] }),
      queryClient.invalidateQueries({ queryKey: ['my-circles'] }),
    ]);
}

export function useJoinCommunity(slug: string) {
  const refresh = useMembershipRefresh();
  return useMutation({
    mutationFn: (inviteCode?: string) =>
      apiRequest<z.output<typeof communityJoinResultSchema>>(`${communityPath(slug)}/members`, {
        method: 'POST',
        body: inviteCode ? { inviteCode } : {},
      }),
    onSuccess: refresh,
  });
}

export function useLeaveCommunity(slug: string) {
  const refresh = useMembershipRefresh();
  return useMutation({
    mutationFn: () => apiSend(`${communityPath(slug)}/members/me`, { method: 'DELETE' }),
    onSuccess: refresh,
  });
}
