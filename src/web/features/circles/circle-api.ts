import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Circle, CircleCreateInput, CirclePatch } from '../../../contract/circle.ts';
import { apiRequest } from '../../lib/api-client.ts';
import { useCreateMutation } from '../../lib/use-create-mutation.ts';
import { usePagedList } from '../../lib/use-paged-list.ts';
import { communityKeys, communityPath } from '../communities/community-api.ts';

export const circleKeys = {
  all: ['circles'] as const,
  detail: (id: string) => ['circles', id] as const,
  members: (id: string) => ['circles', id, 'members'] as const,
  // Not under ['me']: signing out keeps ['me'] queries, and this list is private.
  mine: ['my-circles'] as const,
};

export function circlePath(id: string): string {
  return `/api/v1/circles/${encodeURIComponent(id)}`;
}

export function useCommunityCircles(slug: string, enabled = true) {
  return usePagedList<Circle>(communityKeys.circles(slug), `${communityPath(slug)}/circles`, { enabled });
}

export function useMyCircles(enabled = true) {
  return usePagedList<Circle>(circleKeys.mine, '/api/v1/me/circles', { enabled });
}

export function useCircle(id: string) {
  return useQuery({
    queryKey: circleKeys.detail(id),
    queryFn: ({ signal }) => apiRequest<Circle>(circlePath(id), { signal }),
  });
}

export function useCreateCircle(slug: string) {
  const queryClient = useQueryClient();
  return useCreateMutation({
    mutationFn: (input: CircleCreateInput) =>
      apiRequest<Circle>(`${communityPath(slug)}/circles`, { method: 'POST', body: input }),
    onSuccess: (circle) => {
      queryClient.setQueryData(circleKeys.detail(circle.id), circle);
      void queryClient.invalidateQueries({ queryKey: communityKeys.detail(slug) });
      void queryClient.invalidateQueries({ queryKey: circleKeys.mine });
    },
  });
}

export function useUpdateCircle(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (patch: CirclePatch) => apiRequest<Circle>(circlePath(id), { method: 'PATCH', body: patch }),
    onSuccess: (circle) => {
      queryClient.setQueryData(circleKeys.detail(id), circle);
      // A new capacity may have promoted people from the waitlist.
      void queryClient.invalidateQueries({ queryKey: circleKeys.members(id) });
      void queryClient.invalidateQueries({ queryKey: communityKeys.circles(circle.communitySlug) });
      void queryClient.invalidateQueries({ queryKey: circleKeys.mine });
    },
  });
}
