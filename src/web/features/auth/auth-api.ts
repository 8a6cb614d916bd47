import { type QueryClient, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { SignOut } from '../../../contract/sign-in-providers.ts';
import type {
  emailOnlySchema,
  LoginInput,
  Me,
  passwordResetConfirmSchema,
  RegisterInput,
  userEnvelopeSchema,
} from '../../../contract/user.ts';
import { ApiError, apiRequest, apiRequestOrNull, apiSend } from '../../lib/api-client.ts';

type UserEnvelope = z.output<typeof userEnvelopeSchema>;

export const meQueryKey = ['me'] as const;

/** The signed-in person, or null for a visitor (a 401 is an answer here, not a failure). */
async function fetchMe(signal: AbortSignal): Promise<Me | null> {
  try {
    const { user } = await apiRequest<UserEnvelope>('/api/v1/me', { signal });
    return user;
  } catch (error) {
    // A guest by a code (decision 051) has no account: the API answers them 404 here.
    if (error instanceof ApiError && (error.code === 'UNAUTHENTICATED' || error.code === 'NOT_FOUND'))
      return null;
    throw error;
  }
}

export function useMe() {
  return useQuery({ queryKey: meQueryKey, queryFn: ({ signal }) => fetchMe(signal), staleTime: 5 * 60_000 });
}

/**
 * After signing in or out every cached answer may be wrong (myRole, private circles): forget
 * what nobody is looking at and refetch what is on screen.
 */
function switchAccount(queryClient: QueryClient, user: Me | null): void {
  queryClient.setQueryData(meQueryKey, user);
  const others = { predicate: (query: { queryKey: readonly unknown[] }) => query.queryKey[0] !== 'me' };
  queryClient.removeQueries({ ...others, type: 'inactive' });
  void queryClient.invalidateQueries(others);
}

export function useSignIn() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: LoginInput) =>
      apiRequest<UserEnvelope>('/api/v1/auth/login', { method: 'POST', body: input }),
    onSuccess: ({ user }) => switchAccount(queryClient, user),
  });
}

export function useSignUp() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: RegisterInput) =>
      apiRequest<UserEnvelope>('/api/v1/auth/register', { method: 'POST', body: input }),
    onSuccess: ({ user }) => switchAccount(queryClient, user),
  });
}

/**
 * Signs out here; a session opened through the identity provider then goes on to the provider's
 * logout page, which sends the browser back to the home page.
 */
export function useSignOut() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => apiRequestOrNull<SignOut>('/api/v1/auth/logout', { method: 'POST' }),
    onSuccess: (answer) => {
      switchAccount(queryClient, null);
      if (answer?.redirectTo) window.location.assign(answer.redirectTo);
    },
  });
}

/** Ends every session of mine, this one included (a lost phone, a shared computer). */
export function useSignOutEverywhere() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => apiSend('/api/v1/auth/sign-out-everywhere', { method: 'POST' }),
    onSuccess: () => switchAccount(queryClient, null),
  });
}

export function useRequestMagicLink() {
  return useMutation({
    mutationFn: (input: z.output<typeof emailOnlySchema>) =>
      apiSend('/api/v1/auth/magic-link', { method: 'POST', body: input }),
  });
}

export function useRequestPasswordReset() {
  return useMutation({
    mutationFn: (input: z.output<typeof emailOnlySchema>) =>
      apiSend('/api/v1/auth/password-reset', { method: 'POST', body: input }),
  });
}

export function useConfirmPasswordReset() {
  return useMutation({
    mutationFn: (input: z.output<typeof passwordResetConfirmSchema>) =>
      apiSend('/api/v1/auth/password-reset/confirm', { method: 'POST', body: input }),
  });
}

/** The button of a mailed sign-in link: the link itself (a GET a mail scanner may send) does nothing. */
export function useSignInWithLink() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (token: string) =>
      apiRequest<UserEnvelope>('/api/v1/auth/magic-link/verify', { method: 'POST', body: { token } }),
    onSuccess: ({ user }) => switchAccount(queryClient, user),
  });
}

/** The button of a mailed address check link. */
export function useConfirmAddress() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (token: string) => apiSend('/api/v1/auth/verify-email', { method: 'POST', body: { token } }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: meQueryKey }),
  });
}
