import { useParams } from 'react-router';
import { ErrorState, LoadingState } from '../components/query-state.tsx';
import { useMe } from '../features/auth/auth-api.ts';
import { usePoll } from '../features/polls/poll-api.ts';
import { PollView } from '../features/polls/poll-view.tsx';
import { isNotFound } from '../lib/error-message.ts';
import { NotFoundPage } from './not-found.tsx';

export function PollPage() {
  const { id = '' } = useParams();
  const me = useMe();
  const poll = usePoll(id, Boolean(me.data));
  if (poll.isPending) return <LoadingState />;
  if (poll.isError) {
    if (isNotFound(poll.error)) return <NotFoundPage />;
    return <ErrorState error={poll.error} onRetry={() => void poll.refetch()} />;
  }
  return <PollView poll={poll.data} isSignedIn={Boolean(me.data)} />;
}
