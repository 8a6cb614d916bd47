import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import type {
  Ballot,
  MyBallot,
  Poll,
  PollCreateInput,
  PollOption,
  PollResults,
  PollSummary,
} from '../../../contract/poll.ts';
import type { SessionSummary } from '../../../contract/session.ts';
import { apiRequest, apiSend } from '../../lib/api-client.ts';
import { useCreateMutation } from '../../lib/use-create-mutation.ts';
import { useLiveTopic } from '../../lib/use-live-topic.ts';
import { usePagedList } from '../../lib/use-paged-list.ts';
import { useMe } from '../auth/auth-api.ts';
import { sessionKeys } from '../sessions/session-api.ts';

/** Where polls are listed and created: a circle, or a whole community (by id or slug). */
export type PollScope = { circleId: string } | { communityId: string };

export const pollKeys = {
  list: (scope: PollScope) => ['polls', 'list', scope] as const,
  detail: (id: string) => ['polls', id] as const,
  results: (id: string) => ['polls', id, 'results'] as const,
  ballot: (id: string) => ['polls', id, 'ballot'] as const,
};

export const pollPath = (id: string) => `/api/v1/polls/${encodeURIComponent(id)}`;
const scopePath = (scope: PollScope) =>
  'circleId' in scope
    ? `/api/v1/circles/${encodeURIComponent(scope.circleId)}/polls`
    : `/api/v1/communities/${encodeURIComponent(scope.communityId)}/polls`;

/**
 * Anonymous polls: the server keeps only a hash of the receipt that lets a voter change their
 * ballot, so this browser keeps the receipt (and nothing leaves it). Kept per person: on a shared
 * computer, the next person to sign in must neither read nor send someone else's receipt.
 */
const receiptKey = (userId: string, pollId: string) => `archipel.poll-receipt.${userId}.${pollId}`;
export function storedReceipt(userId: string | undefined, pollId: string): string | undefined {
  if (!userId) return undefined;
  try {
    return localStorage.getItem(receiptKey(userId, pollId)) ?? undefined;
  } catch {
    return undefined;
  }
}
function storeReceipt(userId: string | undefined, pollId: string, receipt: string) {
  if (!userId) return;
  try {
    localStorage.setItem(receiptKey(userId, pollId), receipt);
  } catch {
    // Private browsing without storage: the ballot counts, it just cannot be changed later.
  }
}

export function usePolls(scope: PollScope, enabled = true) {
  return usePagedList<PollSummary>(pollKeys.list(scope), scopePath(scope), { enabled });
}

/**
 * Under a vote storm the server announces new results every 100 ms to everyone on the page; a
 * thousand browsers refetching each time would be a thousand requests per tick. Each page refetches
 * results at most once a second, after a random delay that spreads the room's requests.
 */
const RESULTS_REFETCH_MS = 1_000;
const RESULTS_JITTER_MS = 300;

/** The poll, its results and my ballot, refetched when the live topic says they changed. */
export function usePoll(id: string, isSignedIn: boolean) {
  const queryClient = useQueryClient();
  const pending = useRef<ReturnType<typeof setTimeout> | null>(null);
  const lastRefetch = useRef(0);
  useEffect(() => () => clearTimeout(pending.current ?? undefined), []);
  useLiveTopic(isSignedIn ? `poll:${id}` : null, (event) => {
    if (event?.type !== 'poll.results.updated') {
      void queryClient.invalidateQueries({ queryKey: pollKeys.detail(id) });
      return;
    }
    if (pending.current) return;
    const wait = Math.max(0, lastRefetch.current + RESULTS_REFETCH_MS - Date.now());
    pending.current = setTimeout(
      () => {
        pending.current = null;
        lastRefetch.current = Date.now();
        void queryClient.invalidateQueries({ queryKey: pollKeys.detail(id), exact: true });
        void queryClient.invalidateQueries({ queryKey: pollKeys.results(id) });
      },
      wait + Math.random() * RESULTS_JITTER_MS,
    );
  });
  return useQuery({
    queryKey: pollKeys.detail(id),
    queryFn: ({ signal }) => apiRequest<Poll>(pollPath(id), { signal }),
  });
}

export function usePollResults(id: string, enabled: boolean) {
  return useQuery({
    queryKey: pollKeys.results(id),
    queryFn: ({ signal }) => apiRequest<PollResults>(`${pollPath(id)}/results`, { signal }),
    enabled,
  });
}

export function useMyBallot(id: string, enabled: boolean) {
  const me = useMe().data;
  return useQuery({
    queryKey: pollKeys.ballot(id),
    queryFn: async ({ signal }) => {
      const receipt = storedReceipt(me?.id, id);
      const response = await fetch(`${pollPath(id)}/ballot`, {
        credentials: 'same-origin',
        headers: { accept: 'application/json', ...(receipt && { 'ballot-receipt': receipt }) },
        signal,
      });
      if (!response.ok) return { hasVoted: false, ballot: null } satisfies MyBallot;
      const body: MyBallot = await response.json();
      return body;
    },
    enabled: enabled && me !== undefined,
  });
}

export type BallotInput = { choices: string[] } | { ranking: string[] } | { scores: Record<string, number> };

export function useCastBallot(id: string) {
  const queryClient = useQueryClient();
  const me = useMe().data;
  return useMutation({
    mutationFn: (ballot: BallotInput) => {
      const receipt = storedReceipt(me?.id, id);
      return apiRequest<Ballot>(`${pollPath(id)}/ballot`, {
        method: 'PUT',
        body: { ...ballot, ...(receipt && { receipt }) },
      });
    },
    onSuccess: (ballot) => {
      if (ballot.receipt) storeReceipt(me?.id, id, ballot.receipt);
      queryClient.setQueryData<MyBallot>(pollKeys.ballot(id), { hasVoted: true, ballot });
      void queryClient.invalidateQueries({ queryKey: pollKeys.detail(id) });
    },
  });
}

export function useCreatePoll(scope: PollScope) {
  const queryClient = useQueryClient();
  return useCreateMutation({
    mutationFn: (input: PollCreateInput) =>
      apiRequest<Poll>(scopePath(scope), { method: 'POST', body: input }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['polls', 'list'] }),
  });
}

/** Close, open the vote: the organiser's steps, each answering with the poll. */
export function usePollStep(id: string, step: 'close' | 'open') {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => apiRequest<Poll>(`${pollPath(id)}/${step}`, { method: 'POST' }),
    onSuccess: (poll) => {
      queryClient.setQueryData(pollKeys.detail(id), poll);
      void queryClient.invalidateQueries({ queryKey: pollKeys.results(id) });
      void queryClient.invalidateQueries({ queryKey: ['polls', 'list'] });
    },
  });
}

export function useProposeOption(id: string) {
  const queryClient = useQueryClient();
  return useCreateMutation({
    mutationFn: (input: { text: string; sectionId?: string }) =>
      apiRequest<PollOption>(`${pollPath(id)}/options`, { method: 'POST', body: input }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: pollKeys.detail(id) }),
  });
}

export function useDeletePoll(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => apiSend(pollPath(id), { method: 'DELETE' }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['polls', 'list'] }),
  });
}

/** The sessions a circle poll may be tied to; a community poll has none. */
export function useScopeSessions(scope: PollScope) {
  const circleId = 'circleId' in scope ? scope.circleId : '';
  return usePagedList<SessionSummary>(
    sessionKeys.ofCircle(circleId),
    `/api/v1/circles/${encodeURIComponent(circleId)}/sessions`,
    { enabled: circleId !== '' },
  );
}
