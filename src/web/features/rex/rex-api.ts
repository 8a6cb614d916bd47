import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Circle, CircleDecisionPut } from '../../../contract/circle.ts';
import type {
  LearningDesign,
  LearningDesignCreate,
  LearningDesignPatch,
  LearningDesignPlan,
  LearningDesignSummary,
} from '../../../contract/learning-design.ts';
import type { CircleReview, ReviewedCircles, ReviewedCirclesPut } from '../../../contract/review.ts';
import type { Session } from '../../../contract/session.ts';
import { apiRequest, apiSend } from '../../lib/api-client.ts';
import { useCreateMutation } from '../../lib/use-create-mutation.ts';
import { useLiveTopic } from '../../lib/use-live-topic.ts';
import { usePagedList } from '../../lib/use-paged-list.ts';

export const rexKeys = {
  designs: (slug: string) => ['learning-designs', slug] as const,
  design: (id: string) => ['learning-design', id] as const,
  review: (circleId: string, from: string, to: string) => ['circle-review', circleId, from, to] as const,
  reviews: ['circle-review'] as const,
  reviewed: (sessionId: string) => ['reviewed-circles', sessionId] as const,
};

const libraryPath = (slug: string) => `/api/v1/communities/${encodeURIComponent(slug)}/learning-designs`;
const designPath = (id: string) => `/api/v1/learning-designs/${encodeURIComponent(id)}`;
const circlePath = (id: string) => `/api/v1/circles/${encodeURIComponent(id)}`;

/** `?from=…&to=…` with what is set. */
function periodQuery(from: string, to: string): string {
  const query = new URLSearchParams();
  if (from) query.set('from', from);
  if (to) query.set('to', to);
  const text = query.toString();
  return text ? `?${text}` : '';
}

export const reviewMarkdownPath = (circleId: string, from: string, to: string) =>
  `${circlePath(circleId)}/review.md${periodQuery(from, to)}`;

export function useDesigns(slug: string, enabled = true) {
  return usePagedList<LearningDesignSummary>(rexKeys.designs(slug), `${libraryPath(slug)}?limit=100`, {
    enabled,
    retry: false,
  });
}

export function useDesign(id: string) {
  return useQuery({
    queryKey: rexKeys.design(id),
    queryFn: ({ signal }) => apiRequest<LearningDesign>(designPath(id), { signal }),
  });
}

export function useCreateDesign(slug: string) {
  const queryClient = useQueryClient();
  return useCreateMutation({
    mutationFn: (input: LearningDesignCreate) =>
      apiRequest<LearningDesign>(libraryPath(slug), { method: 'POST', body: input }),
    onSuccess: (design) => {
      queryClient.setQueryData(rexKeys.design(design.id), design);
      void queryClient.invalidateQueries({ queryKey: rexKeys.designs(slug) });
    },
  });
}

export function usePatchDesign(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (patch: LearningDesignPatch) =>
      apiRequest<LearningDesign>(designPath(id), { method: 'PATCH', body: patch }),
    onSuccess: (design) => {
      queryClient.setQueryData(rexKeys.design(id), design);
      void queryClient.invalidateQueries({ queryKey: rexKeys.designs(design.communitySlug) });
    },
  });
}

export function useDeleteDesign(design: LearningDesign) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => apiSend(designPath(design.id), { method: 'DELETE' }),
    onSuccess: () => {
      queryClient.removeQueries({ queryKey: rexKeys.design(design.id) });
      void queryClient.invalidateQueries({ queryKey: rexKeys.designs(design.communitySlug) });
    },
  });
}

export function usePlanSession(designId: string) {
  return useCreateMutation({
    mutationFn: (input: LearningDesignPlan) =>
      apiRequest<Session>(`${designPath(designId)}/sessions`, { method: 'POST', body: input }),
  });
}

export function useReview(circleId: string, from: string, to: string) {
  return useQuery({
    queryKey: rexKeys.review(circleId, from, to),
    queryFn: ({ signal }) =>
      apiRequest<CircleReview>(`${circlePath(circleId)}/review${periodQuery(from, to)}`, { signal }),
  });
}

/** The circles a session reviews, refetched when a steward changes them (the session's live topic). */
export function useReviewedCircles(sessionId: string, isSignedIn: boolean) {
  const queryClient = useQueryClient();
  useLiveTopic(isSignedIn ? `session:${sessionId}` : null, (event) => {
    if (event === null || event.type === 'session.reviews.updated') {
      void queryClient.invalidateQueries({ queryKey: rexKeys.reviewed(sessionId) });
    }
  });
  return useQuery({
    queryKey: rexKeys.reviewed(sessionId),
    queryFn: ({ signal }) =>
      apiRequest<ReviewedCircles>(`/api/v1/sessions/${encodeURIComponent(sessionId)}/reviewed-circles`, {
        signal,
      }),
  });
}

export function useSetReviewedCircles(sessionId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: ReviewedCirclesPut) =>
      apiRequest<ReviewedCircles>(`/api/v1/sessions/${encodeURIComponent(sessionId)}/reviewed-circles`, {
        method: 'PUT',
        body: input,
      }),
    onSuccess: (data) => queryClient.setQueryData(rexKeys.reviewed(sessionId), data),
  });
}

/** Records the REX decision; the circle, its reviews and the REX sessions showing it refetch. */
export function useDecideCircle(circleId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CircleDecisionPut) =>
      apiRequest<Circle>(`${circlePath(circleId)}/decision`, { method: 'PUT', body: input }),
    onSuccess: (circle) => {
      queryClient.setQueryData(['circles', circleId], circle);
      void queryClient.invalidateQueries({ queryKey: rexKeys.reviews });
      void queryClient.invalidateQueries({ queryKey: ['reviewed-circles'] });
    },
  });
}
