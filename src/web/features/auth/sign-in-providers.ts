import { useQuery } from '@tanstack/react-query';
import type { SignInProviders } from '../../../contract/sign-in-providers.ts';
import { apiRequest } from '../../lib/api-client.ts';

/** How one may sign in here (single sign-on, passwords): the instance's settings, read once. */
export function useSignInProviders(enabled = true) {
  return useQuery({
    enabled,
    queryKey: ['sign-in-providers'],
    queryFn: ({ signal }) => apiRequest<SignInProviders>('/api/v1/auth/providers', { signal }),
    staleTime: Number.POSITIVE_INFINITY,
  });
}

/** Where the single sign-on button leads: the server's start route, back to `next` afterwards. */
export function ssoStartHref(startUrl: string, next: string): string {
  return next === '/' ? startUrl : `${startUrl}?returnTo=${encodeURIComponent(next)}`;
}
