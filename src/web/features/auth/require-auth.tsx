import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import type { Me } from '../../../contract/user.ts';
import { ErrorState, LoadingState } from '../../components/query-state.tsx';
import { useMe } from './auth-api.ts';
import { signInPath } from './next-path.ts';

/** Renders `children` with the signed-in person; a visitor is sent to sign in, then back here. */
export function RequireAuth({ children }: { children: (me: Me) => ReactNode }) {
  const me = useMe();
  const location = useLocation();
  if (me.isPending) return <LoadingState />;
  if (me.isError) return <ErrorState error={me.error} onRetry={() => void me.refetch()} />;
  if (!me.data)
    return <Navigate to={signInPath(location.pathname + location.search + location.hash)} replace />;
  return children(me.data);
}
