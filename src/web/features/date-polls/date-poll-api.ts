import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  DateAnswerInput,
  DatePoll,
  DatePollCreateInput,
  DatePollSummary,
  GuestAnswer,
} from '../../../contract/date-poll.ts';
import type { Session } from '../../../contract/session.ts';
import { apiRequest } from '../../lib/api-client.ts';
import { useCreateMutation } from '../../lib/use-create-mutation.ts';
import { useLiveTopic } from '../../lib/use-live-topic.ts';
import { usePagedList } from '../../lib/use-paged-list.ts';
import { circlePath } from '../circles/circle-api.ts';
import { sessionKeys } from '../sessions/session-api.ts';

export const datePollKeys = {
  detail: (id: string) => ['date-polls', id] as const,
  byLink: (token: string) => ['date-polls', 'by-link', token] as const,
  guest: (id: string, token: string) => ['date-polls', id, 'guest', token] as const,
  ofCircle: (circleId: string) => ['circles', circleId, 'date-polls'] as const,
};

export const datePollPath = (id: string) => `/api/v1/date-polls/${encodeURIComponent(id)}`;

/** The link a guest opens to answer without an account. */
export const shareLink = (token: string) =>
  `${window.location.origin}/date-polls/link/${encodeURIComponent(token)}`;
/** The guest's private link to change their answer later. */
export const guestEditLink = (pollId: string, token: string) =>
  `${window.location.origin}/date-polls/${encodeURIComponent(pollId)}/guest/${encodeURIComponent(token)}`;

export function useCirclePolls(circleId: string) {
  return usePagedList<DatePollSummary>(datePollKeys.ofCircle(circleId), `${circlePath(circleId)}/date-polls`);
}

/** The poll, refreshed when someone answers or the organiser closes it. */
export function useDatePoll(id: string, isSignedIn: boolean) {
  const queryClient = useQueryClient();
  useLiveTopic(isSignedIn ? `date-poll:${id}` : null, () => {
    void queryClient.invalidateQueries({ queryKey: datePollKeys.detail(id) });
  });
  return useQuery({
    queryKey: datePollKeys.detail(id),
    queryFn: ({ signal }) => apiRequest<DatePoll>(datePollPath(id), { signal }),
  });
}

export function usePollByLink(token: string) {
  return useQuery({
    queryKey: datePollKeys.byLink(token),
    queryFn: ({ signal }) =>
      apiRequest<DatePoll>(`/api/v1/date-polls/by-link/${encodeURIComponent(token)}`, { signal }),
  });
}

export function useGuestAnswer(pollId: string, token: string) {
  return useQuery({
    queryKey: datePollKeys.guest(pollId, token),
    queryFn: ({ signal }) =>
      apiRequest<GuestAnswer>(`${datePollPath(pollId)}/guest-answers/${encodeURIComponent(token)}`, {
        signal,
      }),
  });
}

export function useCreatePoll(circleId: string) {
  const queryClient = useQueryClient();
  return useCreateMutation({
    mutationFn: (input: DatePollCreateInput) =>
      apiRequest<DatePoll>(`${circlePath(circleId)}/date-polls`, { method: 'POST', body: input }),
    onSuccess: (poll) => {
      queryClient.setQueryData(datePollKeys.detail(poll.id), poll);
      void queryClient.invalidateQueries({ queryKey: datePollKeys.ofCircle(circleId) });
    },
  });
}

export function useAnswerPoll(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { answers: DateAnswerInput; comment: string }) =>
      apiRequest<DatePoll>(`${datePollPath(id)}/answers/me`, { method: 'PUT', body: input }),
    onSuccess: (poll) => queryClient.setQueryData(datePollKeys.detail(id), poll),
  });
}

export function useClosePoll(poll: Pick<DatePoll, 'id' | 'circleId'>) {
  const queryClient = useQueryClient();
  return useCreateMutation({
    mutationFn: (slotIds: string[]) =>
      apiRequest<{ session: Session; sessions: Session[] }>(`${datePollPath(poll.id)}/close`, {
        method: 'POST',
        body: { slotIds },
      }),
    onSuccess: ({ sessions }) => {
      for (const session of sessions) queryClient.setQueryData(sessionKeys.detail(session.id), session);
      void queryClient.invalidateQueries({ queryKey: datePollKeys.detail(poll.id) });
      void queryClient.invalidateQueries({ queryKey: datePollKeys.ofCircle(poll.circleId) });
      void queryClient.invalidateQueries({ queryKey: sessionKeys.ofCircle(poll.circleId) });
    },
  });
}

export interface GuestInput {
  name: string;
  email?: string;
  answers: DateAnswerInput;
  comment: string;
}

export function useCreateGuestAnswer(pollId: string, shareToken: string) {
  return useCreateMutation({
    mutationFn: (input: GuestInput) =>
      apiRequest<{ editToken: string; pollId: string }>(`${datePollPath(pollId)}/guest-answers`, {
        method: 'POST',
        body: { ...input, shareToken },
      }),
  });
}

export function useUpdateGuestAnswer(pollId: string, token: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: Omit<GuestInput, 'email'>) =>
      apiRequest<GuestAnswer>(`${datePollPath(pollId)}/guest-answers/${encodeURIComponent(token)}`, {
        method: 'PUT',
        body: input,
      }),
    onSuccess: (answer) => queryClient.setQueryData(datePollKeys.guest(pollId, token), answer),
  });
}
