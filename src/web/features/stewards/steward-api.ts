import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { AdminUser } from '../../../contract/admin.ts';
import type { CircleMember } from '../../../contract/circle.ts';
import type { CommunityMember } from '../../../contract/community.ts';
import { apiRequest } from '../../lib/api-client.ts';
import type { ListOf } from '../../lib/list-of.ts';
import { communityKeys, communityPath } from '../communities/community-api.ts';

export function useAppointAnimator(slug: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (userId: string) =>
      apiRequest<CommunityMember>(`${communityPath(slug)}/animators`, { method: 'POST', body: { userId } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: communityKeys.all }),
  });
}

export function useAppointFacilitator(circleId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (userId: string) =>
      apiRequest<CircleMember>(`/api/v1/circles/${encodeURIComponent(circleId)}/facilitators`, {
        method: 'POST',
        body: { userId },
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['circles'] }),
  });
}

/** Instance admins: accounts matching a name or an address (nothing until two characters). */
export function useAccountSearch(text: string, enabled: boolean) {
  const q = text.trim();
  return useQuery({
    queryKey: ['admin', 'users', q],
    queryFn: ({ signal }) =>
      apiRequest<ListOf<AdminUser>>(`/api/v1/admin/users?accounts=only&q=${encodeURIComponent(q)}`, {
        signal,
      }),
    select: (data) => data.items,
    enabled: enabled && q.length >= 2,
  });
}
