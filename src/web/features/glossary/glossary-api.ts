import { useInfiniteQuery, useQuery, useQueryClient } from '@tanstack/react-query';
import type { AbilitiesDto } from '../../../contract/abilities.ts';
import type {
  GlossaryCopyResult,
  GlossaryEntry,
  GlossaryEntrySummary,
  GlossaryPatch,
  GlossaryRevision,
} from '../../../contract/glossary.ts';
import type { GlossaryStatus } from '../../../domain/glossary.ts';
import { apiRequest } from '../../lib/api-client.ts';
import type { ListOf } from '../../lib/list-of.ts';
import { useCreateMutation } from '../../lib/use-create-mutation.ts';
import { useLiveTopic } from '../../lib/use-live-topic.ts';

export interface GlossaryFilter {
  letter?: string;
  status?: GlossaryStatus;
  q?: string;
}

interface GlossaryPage extends ListOf<GlossaryEntrySummary> {
  letters: { letter: string; count: number }[];
  abilities: AbilitiesDto;
}

export const glossaryKeys = {
  all: ['glossary'] as const,
  list: (slug: string, filter: GlossaryFilter) => ['glossary', 'list', slug, filter] as const,
  entry: (id: string) => ['glossary', 'entry', id] as const,
  revisions: (id: string) => ['glossary', 'entry', id, 'revisions'] as const,
};

const communityPath = (slug: string) => `/api/v1/communities/${encodeURIComponent(slug)}/glossary`;
export const entryPath = (id: string) => `/api/v1/glossary/${encodeURIComponent(id)}`;
export const markdownExportPath = (slug: string) => `${communityPath(slug)}.md`;

function listPath(slug: string, filter: GlossaryFilter, cursor: string | null) {
  const query = new URLSearchParams();
  if (filter.letter) query.set('letter', filter.letter);
  if (filter.status) query.set('status', filter.status);
  if (filter.q) query.set('q', filter.q);
  if (cursor) query.set('cursor', cursor);
  query.set('limit', '100');
  return `${communityPath(slug)}?${query}`;
}

/** The A–Z index: the entries of the pages read so far, and the count of each letter. */
export function useGlossary(slug: string, filter: GlossaryFilter) {
  return useInfiniteQuery({
    queryKey: glossaryKeys.list(slug, filter),
    queryFn: ({ signal, pageParam }) =>
      apiRequest<GlossaryPage>(listPath(slug, filter, pageParam), { signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor ?? null,
    select: (data) => ({
      items: data.pages.flatMap((page) => page.items),
      letters: data.pages[0]?.letters ?? [],
      abilities: data.pages[0]?.abilities ?? { read: true, takePart: false, steer: false },
    }),
  });
}

/** One entry, refetched when someone else saves it (its live topic). */
export function useEntry(id: string, isSignedIn: boolean) {
  const queryClient = useQueryClient();
  useLiveTopic(isSignedIn ? `glossary:${id}` : null, () => {
    void queryClient.invalidateQueries({ queryKey: glossaryKeys.entry(id) });
  });
  return useQuery({
    queryKey: glossaryKeys.entry(id),
    queryFn: ({ signal }) => apiRequest<GlossaryEntry>(entryPath(id), { signal }),
  });
}

export function useRevisions(id: string, enabled: boolean) {
  return useQuery({
    queryKey: glossaryKeys.revisions(id),
    queryFn: ({ signal }) =>
      apiRequest<ListOf<GlossaryRevision>>(`${entryPath(id)}/revisions?limit=100`, { signal }),
    enabled,
  });
}

export function useProposeEntry(slug: string) {
  const queryClient = useQueryClient();
  return useCreateMutation({
    mutationFn: (term: string) =>
      apiRequest<GlossaryEntry>(communityPath(slug), { method: 'POST', body: { term } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: glossaryKeys.all }),
  });
}

/**
 * After any write, the entry answers with its new state: the cache takes it, lists refetch. A
 * second press while one runs is dropped: sent again from the same revision, it would come back as
 * a conflict with the writer's own save.
 */
function useEntryWrite<V>(id: string, write: (variables: V) => Promise<GlossaryEntry>) {
  const queryClient = useQueryClient();
  return useCreateMutation({
    mutationFn: write,
    onSuccess: (entry) => {
      queryClient.setQueryData(glossaryKeys.entry(id), entry);
      void queryClient.invalidateQueries({ queryKey: ['glossary', 'list'] });
      void queryClient.invalidateQueries({ queryKey: glossaryKeys.revisions(id) });
    },
  });
}

export function useSaveEntry(id: string) {
  return useEntryWrite(id, (patch: GlossaryPatch) =>
    apiRequest<GlossaryEntry>(entryPath(id), { method: 'PATCH', body: patch }),
  );
}

export function useRestoreRevision(id: string) {
  return useEntryWrite(id, ({ revision, baseRevision }: { revision: number; baseRevision: number }) =>
    apiRequest<GlossaryEntry>(`${entryPath(id)}/revisions/${revision}/restore`, {
      method: 'POST',
      body: { baseRevision },
    }),
  );
}

export function useWriterSignUp(id: string) {
  return useEntryWrite(id, (join: boolean) =>
    apiRequest<GlossaryEntry>(`${entryPath(id)}/writers/me`, { method: join ? 'PUT' : 'DELETE' }),
  );
}

export function useOpenVote(slug: string) {
  return useCreateMutation({
    mutationFn: (input: { letters: string[]; perLetter: number }) =>
      apiRequest<{ pollId: string }>(`${communityPath(slug)}/votes`, { method: 'POST', body: input }),
  });
}

/** A branch's animator takes the parent's selected and published entries (decision 035). */
export function useCopyParentGlossary(slug: string) {
  const queryClient = useQueryClient();
  return useCreateMutation({
    mutationFn: () =>
      apiRequest<GlossaryCopyResult>(`${communityPath(slug)}/copy-from-parent`, { method: 'POST' }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: glossaryKeys.all }),
  });
}
