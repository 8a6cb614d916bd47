import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Action, ActionCreateInput, ActionPatch } from '../../../contract/session.ts';
import { apiRequest } from '../../lib/api-client.ts';
import { useCreateMutation } from '../../lib/use-create-mutation.ts';
import { usePagedList } from '../../lib/use-paged-list.ts';
import { sessionKeys, sessionPath } from './session-api.ts';

export const actionKeys = {
  // Not under ['me']: signing out keeps ['me'] queries, and this list is private.
  mine: ['my-actions'] as const,
};

export function useMyActions() {
  return usePagedList<Action>(actionKeys.mine, '/api/v1/me/actions');
}

/** An action shows on its session, on later sessions (to review) and in "Mes actions". */
function useActionRefresh() {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: sessionKeys.all }),
      queryClient.invalidateQueries({ queryKey: actionKeys.mine }),
    ]);
}

export function useCreateAction(sessionId: string) {
  const refresh = useActionRefresh();
  return useCreateMutation({
    mutationFn: (input: ActionCreateInput) =>
      apiRequest<Action>(`${sessionPath(sessionId)}/actions`, { method: 'POST', body: input }),
    onSuccess: refresh,
  });
}

export function usePatchAction() {
  const refresh = useActionRefresh();
  return useMutation({
    mutationFn: ({ id, patch }: { id: string; patch: ActionPatch }) =>
      apiRequest<Action>(`/api/v1/actions/${encodeURIComponent(id)}`, { method: 'PATCH', body: patch }),
    onSuccess: refresh,
  });
}
