import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Circle } from '../../../contract/circle.ts';
import type { SignupSheet, SignupSheetCreateInput, SignupSheetSummary } from '../../../contract/signup.ts';
import type { SignupStatus } from '../../../domain/signup.ts';
import { apiRequest, apiSend } from '../../lib/api-client.ts';
import { useCreateMutation } from '../../lib/use-create-mutation.ts';
import { useLiveTopic } from '../../lib/use-live-topic.ts';
import { usePagedList } from '../../lib/use-paged-list.ts';
import { circlePath } from '../circles/circle-api.ts';

export const signupKeys = {
  detail: (id: string) => ['signup-sheets', id] as const,
  ofCircle: (circleId: string) => ['circles', circleId, 'signup-sheets'] as const,
};

const sheetPath = (id: string) => `/api/v1/signup-sheets/${encodeURIComponent(id)}`;
const topicPath = (id: string) => `/api/v1/signup-topics/${encodeURIComponent(id)}`;

export function useCircleSheets(circleId: string) {
  return usePagedList<SignupSheetSummary>(
    signupKeys.ofCircle(circleId),
    `${circlePath(circleId)}/signup-sheets`,
  );
}

/** The sheet, refreshed when anyone signs up or withdraws. */
export function useSignupSheet(id: string, isSignedIn: boolean) {
  const queryClient = useQueryClient();
  useLiveTopic(isSignedIn ? `signup-sheet:${id}` : null, () => {
    void queryClient.invalidateQueries({ queryKey: signupKeys.detail(id) });
  });
  return useQuery({
    queryKey: signupKeys.detail(id),
    queryFn: ({ signal }) => apiRequest<SignupSheet>(sheetPath(id), { signal }),
  });
}

export function useCreateSheet(circleId: string) {
  const queryClient = useQueryClient();
  return useCreateMutation({
    mutationFn: (input: SignupSheetCreateInput) =>
      apiRequest<SignupSheet>(`${circlePath(circleId)}/signup-sheets`, { method: 'POST', body: input }),
    onSuccess: (sheet) => {
      queryClient.setQueryData(signupKeys.detail(sheet.id), sheet);
      void queryClient.invalidateQueries({ queryKey: signupKeys.ofCircle(circleId) });
    },
  });
}

/** Deletes a sheet with its topics and sign-ups; the circle's list is read again. */
export function useDeleteSheet(sheet: Pick<SignupSheet, 'id' | 'circleId'>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => apiSend(sheetPath(sheet.id), { method: 'DELETE' }),
    onSuccess: () => {
      queryClient.removeQueries({ queryKey: signupKeys.detail(sheet.id) });
      void queryClient.invalidateQueries({ queryKey: signupKeys.ofCircle(sheet.circleId) });
    },
  });
}

/** Sign up, withdraw, make a working group: each answer is partial, so the sheet is fetched again. */
function useSheetWrite<V, R>(sheetId: string, request: (variables: V) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: request,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: signupKeys.detail(sheetId) }),
  });
}

export function useSignUp(sheetId: string) {
  return useSheetWrite(sheetId, (input: { topicId: string; note: string }) =>
    apiRequest<{ status: SignupStatus }>(`${topicPath(input.topicId)}/entries`, {
      method: 'POST',
      body: { note: input.note },
    }),
  );
}

export function useWithdraw(sheetId: string) {
  return useSheetWrite(sheetId, (topicId: string) =>
    apiSend(`${topicPath(topicId)}/entries/me`, { method: 'DELETE' }),
  );
}

export function useMakeWorkingGroup(sheetId: string) {
  return useSheetWrite(sheetId, (topicId: string) =>
    apiRequest<{ circle: Circle }>(`${topicPath(topicId)}/working-group`, { method: 'POST' }),
  );
}
