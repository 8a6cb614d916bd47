import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  Communication,
  Newsletter,
  NewsletterSummary,
  newsletterCreateSchema,
  newsletterPatchSchema,
} from '../../../contract/newsletters.ts';
import { apiRequest } from '../../lib/api-client.ts';
import { useCreateMutation } from '../../lib/use-create-mutation.ts';
import { usePagedList } from '../../lib/use-paged-list.ts';

export type NewsletterInput = z.input<typeof newsletterCreateSchema>;
export type NewsletterPatch = z.input<typeof newsletterPatchSchema>;

export const newsletterKeys = {
  all: ['newsletters'] as const,
  list: (slug: string, status: 'draft' | 'sent') => ['newsletters', 'list', slug, status] as const,
  communications: (slug: string) => ['newsletters', 'communications', slug] as const,
  settings: (slug: string) => ['newsletters', 'settings', slug] as const,
  one: (id: string) => ['newsletters', 'one', id] as const,
  preview: (id: string) => ['newsletters', 'preview', id] as const,
  preference: ['newsletters', 'preference'] as const,
};

const communityPath = (slug: string) => `/api/v1/communities/${encodeURIComponent(slug)}`;
const newsletterPath = (id: string) => `/api/v1/newsletters/${encodeURIComponent(id)}`;
export const feedPath = (slug: string) => `${communityPath(slug)}/newsletters.atom`;

export function useNewsletters(slug: string, status: 'draft' | 'sent', enabled = true) {
  return usePagedList<NewsletterSummary>(
    newsletterKeys.list(slug, status),
    `${communityPath(slug)}/newsletters?status=${status}&limit=50`,
    { enabled, retry: false },
  );
}

/** The flagged items the viewer may read, newest sessions first. */
export function useCommunications(slug: string, enabled = true) {
  return usePagedList<Communication>(
    newsletterKeys.communications(slug),
    `${communityPath(slug)}/communications?limit=100`,
    { enabled },
  );
}

export function useNewsletterSettings(slug: string) {
  return useQuery({
    queryKey: newsletterKeys.settings(slug),
    queryFn: ({ signal }) =>
      apiRequest<{ publicArchive: boolean }>(`${communityPath(slug)}/newsletter-settings`, { signal }),
  });
}

export function usePutNewsletterSettings(slug: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (publicArchive: boolean) =>
      apiRequest<{ publicArchive: boolean }>(`${communityPath(slug)}/newsletter-settings`, {
        method: 'PUT',
        body: { publicArchive },
      }),
    onSuccess: (settings) => queryClient.setQueryData(newsletterKeys.settings(slug), settings),
  });
}

export function useNewsletter(id: string) {
  return useQuery({
    queryKey: newsletterKeys.one(id),
    queryFn: ({ signal }) => apiRequest<Newsletter>(newsletterPath(id), { signal }),
  });
}

export function usePreview(id: string, enabled: boolean) {
  return useQuery({
    queryKey: newsletterKeys.preview(id),
    queryFn: ({ signal }) =>
      apiRequest<{ subject: string; html: string; text: string }>(`${newsletterPath(id)}/preview`, {
        signal,
      }),
    enabled,
  });
}

export function useCreateNewsletter(slug: string) {
  const queryClient = useQueryClient();
  return useCreateMutation({
    mutationFn: (input: NewsletterInput) =>
      apiRequest<Newsletter>(`${communityPath(slug)}/newsletters`, { method: 'POST', body: input }),
    onSuccess: (letter) => {
      queryClient.setQueryData(newsletterKeys.one(letter.id), letter);
      void queryClient.invalidateQueries({ queryKey: newsletterKeys.all });
    },
  });
}

function useLetterWrite<V>(id: string, request: (variables: V) => Promise<Newsletter>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: request,
    onSuccess: (letter) => {
      queryClient.setQueryData(newsletterKeys.one(id), letter);
      void queryClient.invalidateQueries({ queryKey: newsletterKeys.preview(id) });
      void queryClient.invalidateQueries({ queryKey: ['newsletters', 'list'] });
      void queryClient.invalidateQueries({ queryKey: ['newsletters', 'communications'] });
    },
  });
}

export function usePatchNewsletter(id: string) {
  return useLetterWrite(id, (patch: NewsletterPatch) =>
    apiRequest<Newsletter>(newsletterPath(id), { method: 'PATCH', body: patch }),
  );
}

export function useSendNewsletter(id: string) {
  return useLetterWrite(id, () => apiRequest<Newsletter>(`${newsletterPath(id)}/send`, { method: 'POST' }));
}

export function useNewsletterPreference(enabled: boolean) {
  return useQuery({
    queryKey: newsletterKeys.preference,
    queryFn: ({ signal }) => apiRequest<{ accepts: boolean }>('/api/v1/me/newsletters', { signal }),
    enabled,
  });
}

export function usePutNewsletterPreference() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (accepts: boolean) =>
      apiRequest<{ accepts: boolean }>('/api/v1/me/newsletters', { method: 'PUT', body: { accepts } }),
    onSuccess: (value) => queryClient.setQueryData(newsletterKeys.preference, value),
  });
}
