import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { DeleteAccount } from '../../../contract/account.ts';
import { apiSend } from '../../lib/api-client.ts';
import { meQueryKey } from '../auth/auth-api.ts';

/** Where "Mes données" is downloaded: a plain link, so the browser saves the ZIP itself. */
export const MY_DATA_URL = '/api/v1/me/export';

export function useDeleteAccount() {
  return useMutation({
    mutationFn: (input: DeleteAccount) => apiSend('/api/v1/me', { method: 'DELETE', body: input }),
  });
}

/**
 * On the confirmation page, once the profile page is gone (forgetting the account there would
 * send its sign-in guard off first): drops every cached answer and asks again who is signed in,
 * which is nobody. Harmless when the page is opened by hand.
 */
export function useForgetDeletedAccount() {
  const queryClient = useQueryClient();
  useEffect(() => {
    queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== 'me' });
    void queryClient.invalidateQueries({ queryKey: meQueryKey });
  }, [queryClient]);
}
