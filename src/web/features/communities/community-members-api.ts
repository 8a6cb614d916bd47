import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  CommunityMember,
  communityMemberPatchSchema,
  inviteLinkSchema,
} from '../../../contract/community.ts';
import { apiRequest, apiSend } from '../../lib/api-client.ts';
import { usePagedList } from '../../lib/use-paged-list.ts';
import { communityKeys, communityPath } from './community-api.ts';

type InviteLink = z.output<typeof inviteLinkSchema>;

/** The member directory; only members may read it, so callers pass `enabled`. */
export function useCommunityMembers(slug: string, enabled: boolean) {
  return usePagedList<CommunityMember>(communityKeys.members(slug), `${communityPath(slug)}/members`, {
    enabled,
  });
}

export function useUpdateCommunityMember(slug: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ userId, patch }: { userId: string; patch: z.output<typeof communityMemberPatchSchema> }) =>
      apiSend(`${communityPath(slug)}/members/${encodeURIComponent(userId)}`, {
        method: 'PATCH',
        body: patch,
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: communityKeys.detail(slug) }),
  });
}

export function useRemoveCommunityMember(slug: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (userId: string) =>
      apiSend(`${communityPath(slug)}/members/${encodeURIComponent(userId)}`, { method: 'DELETE' }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: communityKeys.detail(slug) }),
  });
}

export function useInviteLink(slug: string, enabled: boolean) {
  return useQuery({
    queryKey: communityKeys.invite(slug),
    queryFn: ({ signal }) => apiRequest<InviteLink>(`${communityPath(slug)}/invite`, { signal }),
    enabled,
  });
}

export function useRotateInvite(slug: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => apiRequest<InviteLink>(`${communityPath(slug)}/invite/rotate`, { method: 'POST' }),
    onSuccess: (link) => queryClient.setQueryData(communityKeys.invite(slug), link),
  });
}
