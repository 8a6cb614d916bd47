import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  Circle,
  CircleLinkCreateInput,
  CircleRelations,
  CircleRenewInput,
} from '../../../contract/circle.ts';
import { apiRequest, apiSend } from '../../lib/api-client.ts';
import { useCreateMutation } from '../../lib/use-create-mutation.ts';
import { communityKeys } from '../communities/community-api.ts';
import { circleKeys, circlePath } from './circle-api.ts';

const relationsKey = (id: string) => ['circles', id, 'relations'] as const;

/** The circle's previous and next cycles and related circles, as the viewer may see them. */
export function useCircleRelations(id: string) {
  return useQuery({
    queryKey: relationsKey(id),
    queryFn: ({ signal }) => apiRequest<CircleRelations>(`${circlePath(id)}/relations`, { signal }),
  });
}

/** Creates the circle's next cycle; the caller goes to it. */
export function useRenewCircle(circle: Circle) {
  const queryClient = useQueryClient();
  return useCreateMutation({
    mutationFn: (input: CircleRenewInput) =>
      apiRequest<Circle>(`${circlePath(circle.id)}/renewal`, { method: 'POST', body: input }),
    onSuccess: (next) => {
      queryClient.setQueryData(circleKeys.detail(next.id), next);
      void queryClient.invalidateQueries({ queryKey: relationsKey(circle.id) });
      void queryClient.invalidateQueries({ queryKey: communityKeys.circles(circle.communitySlug) });
      void queryClient.invalidateQueries({ queryKey: circleKeys.mine });
    },
  });
}

export function useLinkCircle(id: string) {
  const queryClient = useQueryClient();
  return useCreateMutation({
    mutationFn: (input: CircleLinkCreateInput) =>
      apiRequest<CircleRelations>(`${circlePath(id)}/related`, { method: 'POST', body: input }),
    onSuccess: (relations, input) => {
      queryClient.setQueryData(relationsKey(id), relations);
      void queryClient.invalidateQueries({ queryKey: relationsKey(input.circleId) });
    },
  });
}

export function useUnlinkCircle(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (linkId: string) =>
      apiSend(`${circlePath(id)}/related/${encodeURIComponent(linkId)}`, { method: 'DELETE' }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['circles'] }),
  });
}
