import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CircleReminders, JobList, MailPreferenceValue } from '../../../contract/mail.ts';
import { apiRequest, apiSend } from '../../lib/api-client.ts';

const preferenceKey = ['me', 'mail-preference'];

export function useMailPreference() {
  return useQuery({
    queryKey: preferenceKey,
    queryFn: ({ signal }) =>
      apiRequest<{ preference: MailPreferenceValue }>('/api/v1/me/mail-preference', { signal }),
    select: (data) => data.preference,
  });
}

export function useUpdateMailPreference() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (preference: MailPreferenceValue) =>
      apiRequest<{ preference: MailPreferenceValue }>('/api/v1/me/mail-preference', {
        method: 'PUT',
        body: { preference },
      }),
    onSuccess: (data) => queryClient.setQueryData(preferenceKey, data),
  });
}

const remindersPath = (circleId: string) => `/api/v1/circles/${encodeURIComponent(circleId)}/reminders`;

export function useCircleReminders(circleId: string) {
  return useQuery({
    queryKey: ['circles', circleId, 'reminders'],
    queryFn: ({ signal }) => apiRequest<CircleReminders>(remindersPath(circleId), { signal }),
  });
}

export function useUpdateCircleReminders(circleId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (reminderHours: number | null) =>
      apiRequest<CircleReminders>(remindersPath(circleId), { method: 'PUT', body: { reminderHours } }),
    onSuccess: (data) => queryClient.setQueryData(['circles', circleId, 'reminders'], data),
  });
}

interface UnsubscribeInfo {
  maskedEmail: string;
  preference: MailPreferenceValue;
  /** A date poll guest's link: unsubscribing forgets their address. */
  guest?: boolean;
  /** A newsletter's link: unsubscribing stops newsletters only; `newsletters` says whether they are on. */
  newsletter?: boolean;
  newsletters?: boolean;
}
const unsubscribePath = (token: string) => `/api/v1/unsubscribe/${encodeURIComponent(token)}`;

export function useUnsubscribeInfo(token: string) {
  return useQuery({
    queryKey: ['unsubscribe', token],
    queryFn: ({ signal }) => apiRequest<UnsubscribeInfo>(unsubscribePath(token), { signal }),
    retry: false,
  });
}

export function useUnsubscribe(token: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (preference: 'none' | 'digest') =>
      apiRequest<UnsubscribeInfo>(unsubscribePath(token), { method: 'POST', body: { preference } }),
    onSuccess: (data) => queryClient.setQueryData(['unsubscribe', token], data),
  });
}

export function useFailedJobs(enabled: boolean) {
  return useQuery({
    queryKey: ['admin', 'jobs', 'failed'],
    queryFn: ({ signal }) => apiRequest<JobList>('/api/v1/admin/jobs?status=failed', { signal }),
    enabled,
  });
}

export function useRetryJob() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (jobId: string) =>
      apiSend(`/api/v1/admin/jobs/${encodeURIComponent(jobId)}/retry`, { method: 'POST' }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['admin', 'jobs'] }),
  });
}
