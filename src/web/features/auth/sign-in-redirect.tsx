import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { meQueryKey } from './auth-api.ts';
import { signInPath } from './next-path.ts';

/**
 * Sends a signed-out reader to sign in, then back to this very page (path, query and fragment).
 * The server said 401, so whatever the cache believed about the reader is forgotten first:
 * otherwise the sign-in page, still thinking them signed in, would bounce them straight back.
 */
export function SignInRedirect() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const { pathname, search, hash } = useLocation();
  useEffect(() => {
    queryClient.setQueryData(meQueryKey, null);
    void navigate(signInPath(pathname + search + hash), { replace: true });
  }, [queryClient, navigate, pathname, search, hash]);
  return null;
}
