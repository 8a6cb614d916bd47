import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  ClaimPreview,
  ClaimResult,
  Placeholder,
  placeholderInvitationSchema,
} from '../../../contract/placeholder.ts';
import { apiRequest, apiSend } from '../../lib/api-client.ts';
import { usePagedList } from '../../lib/use-paged-list.ts';
import { communityKeys, communityPath } from '../communities/community-api.ts';

type Invitation = z.output<typeof placeholderInvitationSchema>;

const placeholdersKey = (slug: string) => [...communityKeys.detail(slug), 'placeholders'] as const;

/** The community's people without an account (stewards only, so callers pass `enabled`). */
export function usePlaceholders(slug: string, enabled: boolean) {
  return usePagedList<Placeholder>(placeholdersKey(slug), `${communityPath(slug)}/placeholders`, { enabled });
}

export function useInvitePlaceholder(slug: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ placeholderId, email }: { placeholderId: string; email: string }) =>
      apiRequest<Invitation>(
        `${communityPath(slug)}/placeholders/${encodeURIComponent(placeholderId)}/invitations`,
        { method: 'POST', body: { email } },
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: placeholdersKey(slug) }),
  });
}

export function useWithdrawInvitation(slug: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (placeholderId: string) =>
      apiSend(`${communityPath(slug)}/placeholders/${encodeURIComponent(placeholderId)}/invitations`, {
        method: 'DELETE',
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: placeholdersKey(slug) }),
  });
}

const claimPath = (token: string) => `/api/v1/claims/${encodeURIComponent(token)}`;

export function useClaimPreview(token: string) {
  return useQuery({
    queryKey: ['claims', token],
    queryFn: ({ signal }) => apiRequest<ClaimPreview>(claimPath(token), { signal }),
    retry: false,
  });
}

export function useAcceptClaim(token: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => apiRequest<ClaimResult>(`${claimPath(token)}/accept`, { method: 'POST' }),
    // Everything the account sees may have changed: roles, circles, actions.
    onSuccess: () => queryClient.invalidateQueries({ predicate: (query) => query.queryKey[0] !== 'me' }),
  });
}
