import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  CircleMember,
  circleJoinResultSchema,
  circleMemberPatchSchema,
} from '../../../contract/circle.ts';
import { apiRequest, apiSend } from '../../lib/api-client.ts';
import { usePagedList } from '../../lib/use-paged-list.ts';
import { communityKeys } from '../communities/community-api.ts';
import { circleKeys, circlePath } from './circle-api.ts';

export function useCircleMembers(id: string, enabled = true) {
  return usePagedList<CircleMember>(circleKeys.members(id), `${circlePath(id)}/members`, { enabled });
}

/** Any change of membership moves counts (places left, waitlist) shown in several lists. */
function useMembershipRefresh(id: string) {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: circleKeys.detail(id) }),
      queryClient.invalidateQueries({ queryKey: circleKeys.mine }),
      queryClient.invalidateQueries({ queryKey: communityKeys.all }),
    ]);
}

export function useJoinCircle(id: string) {
  const refresh = useMembershipRefresh(id);
  return useMutation({
    mutationFn: () =>
      apiRequest<z.output<typeof circleJoinResultSchema>>(`${circlePath(id)}/members`, {
        method: 'POST',
        body: {},
      }),
    onSuccess: refresh,
  });
}

export function useLeaveCircle(id: string) {
  const refresh = useMembershipRefresh(id);
  return useMutation({
    mutationFn: () => apiSend(`${circlePath(id)}/members/me`, { method: 'DELETE' }),
    onSuccess: refresh,
  });
}

export function useUpdateCircleMember(id: string) {
  const refresh = useMembershipRefresh(id);
  return useMutation({
    mutationFn: ({ userId, patch }: { userId: string; patch: z.output<typeof circleMemberPatchSchema> }) =>
      apiSend(`${circlePath(id)}/members/${encodeURIComponent(userId)}`, { method: 'PATCH', body: patch }),
    onSuccess: refresh,
  });
}

export function useRemoveCircleMember(id: string) {
  const refresh = useMembershipRefresh(id);
  return useMutation({
    mutationFn: (userId: string) =>
      apiSend(`${circlePath(id)}/members/${encodeURIComponent(userId)}`, { method: 'DELETE' }),
    onSuccess: refresh,
  });
}
