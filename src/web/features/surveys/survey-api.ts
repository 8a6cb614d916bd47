import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  AnswerDto,
  MyResponse,
  SurveyComparison,
  SurveyDto,
  SurveyPatch,
  SurveyResultsDto,
  SurveySummary,
  SurveyTemplateDto,
  surveyCreateSchema,
} from '../../../contract/survey.ts';
import { apiRequest, apiSend } from '../../lib/api-client.ts';
import type { ListOf } from '../../lib/list-of.ts';
import { useCreateMutation } from '../../lib/use-create-mutation.ts';
import { useLiveTopic } from '../../lib/use-live-topic.ts';
import { usePagedList } from '../../lib/use-paged-list.ts';

export type SurveyCreateInput = z.input<typeof surveyCreateSchema>;
/** Where questionnaires are listed and created: a circle, or a whole community (by slug). */
export type SurveyScope = { circleId: string } | { communitySlug: string };

export const surveyKeys = {
  all: ['surveys'] as const,
  list: (scope: SurveyScope) => ['surveys', 'list', scope] as const,
  detail: (id: string) => ['surveys', id] as const,
  results: (id: string) => ['surveys', id, 'results'] as const,
  mine: (id: string) => ['surveys', id, 'mine'] as const,
  templates: (slug: string | undefined) => ['surveys', 'templates', slug ?? ''] as const,
  comparison: (id: string, slug: string) => ['surveys', 'comparison', id, slug] as const,
  link: (token: string) => ['surveys', 'link', token] as const,
  guest: (id: string, editToken: string) => ['surveys', id, 'guest', editToken] as const,
};

export const surveyPath = (id: string) => `/api/v1/surveys/${encodeURIComponent(id)}`;
export const scopePath = (scope: SurveyScope) =>
  'circleId' in scope
    ? `/api/v1/circles/${encodeURIComponent(scope.circleId)}/surveys`
    : `/api/v1/communities/${encodeURIComponent(scope.communitySlug)}/surveys`;
export const csvPath = (id: string, separator: 'comma' | 'semicolon') =>
  `${surveyPath(id)}/results.csv?separator=${separator}`;

/**
 * Anonymous questionnaires: the server keeps only a hash of the receipt that lets a person change
 * their answers, so this browser keeps the receipt, per person (a shared computer's next user
 * neither reads nor sends it).
 */
const receiptKey = (userId: string, surveyId: string) => `archipel.survey-receipt.${userId}.${surveyId}`;
export function storedReceipt(userId: string, surveyId: string): string | undefined {
  try {
    return localStorage.getItem(receiptKey(userId, surveyId)) ?? undefined;
  } catch {
    return undefined;
  }
}
function storeReceipt(userId: string, surveyId: string, receipt: string) {
  try {
    localStorage.setItem(receiptKey(userId, surveyId), receipt);
  } catch {
    // Private browsing without storage: the answers count, they just cannot be changed later.
  }
}

/** A guest's private link to their answers, kept in this browser too. */
const guestKey = (surveyId: string) => `archipel.survey-guest.${surveyId}`;
export function storedGuestLink(surveyId: string): string | undefined {
  try {
    return localStorage.getItem(guestKey(surveyId)) ?? undefined;
  } catch {
    return undefined;
  }
}

export function useSurveys(scope: SurveyScope, enabled = true) {
  return usePagedList<SurveySummary>(surveyKeys.list(scope), scopePath(scope), { enabled });
}

/** The questionnaire, refetched (with its results) when someone answers or it changes. */
export function useSurvey(id: string, isSignedIn: boolean) {
  const queryClient = useQueryClient();
  useLiveTopic(isSignedIn ? `survey:${id}` : null, () => {
    void queryClient.invalidateQueries({ queryKey: surveyKeys.detail(id) });
  });
  return useQuery({
    queryKey: surveyKeys.detail(id),
    queryFn: ({ signal }) => apiRequest<SurveyDto>(surveyPath(id), { signal }),
  });
}

export function useSurveyResults(id: string) {
  return useQuery({
    queryKey: surveyKeys.results(id),
    queryFn: ({ signal }) => apiRequest<SurveyResultsDto>(`${surveyPath(id)}/results`, { signal }),
  });
}

/** My answers: named questionnaires by person, anonymous ones by this browser's receipt. */
export function useMyResponse(survey: SurveyDto, userId: string | undefined) {
  const receipt = userId ? storedReceipt(userId, survey.id) : undefined;
  return useQuery({
    queryKey: surveyKeys.mine(survey.id),
    queryFn: ({ signal }) =>
      apiRequest<MyResponse>(`${surveyPath(survey.id)}/responses/me`, {
        signal,
        ...(receipt && { headers: { 'response-receipt': receipt } }),
      }),
    enabled: Boolean(userId) && survey.answered,
  });
}

export function useAnswer(survey: SurveyDto, userId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (answers: AnswerDto[]) => {
      const receipt = storedReceipt(userId, survey.id);
      return apiRequest<MyResponse>(`${surveyPath(survey.id)}/responses/me`, {
        method: 'PUT',
        body: { answers },
        ...(receipt && { headers: { 'response-receipt': receipt } }),
      });
    },
    onSuccess: (response) => {
      if (response.receipt) storeReceipt(userId, survey.id, response.receipt);
      queryClient.setQueryData(surveyKeys.mine(survey.id), response);
      void queryClient.invalidateQueries({ queryKey: surveyKeys.detail(survey.id) });
      void queryClient.invalidateQueries({ queryKey: surveyKeys.results(survey.id) });
    },
  });
}

export function useCreateSurvey(scope: SurveyScope) {
  const queryClient = useQueryClient();
  return useCreateMutation({
    mutationFn: (input: SurveyCreateInput) =>
      apiRequest<SurveyDto>(scopePath(scope), { method: 'POST', body: input }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: surveyKeys.list(scope) }),
  });
}

/** Close, remind, keep as a template: the organiser's actions, each refreshing the questionnaire. */
export function useSurveyAction<T>(id: string, path: 'close' | 'remind' | 'template') {
  const queryClient = useQueryClient();
  return useCreateMutation({
    mutationFn: (body?: object) =>
      apiRequest<T>(`${surveyPath(id)}/${path}`, { method: 'POST', ...(body && { body }) }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: surveyKeys.detail(id) });
      void queryClient.invalidateQueries({ queryKey: surveyKeys.results(id) });
      if (path === 'template') void queryClient.invalidateQueries({ queryKey: ['surveys', 'templates'] });
    },
  });
}

export function useSurveyTemplates(slug: string | undefined) {
  return useQuery({
    queryKey: surveyKeys.templates(slug),
    queryFn: ({ signal }) =>
      apiRequest<ListOf<SurveyTemplateDto>>(
        `/api/v1/survey-templates${slug ? `?community=${encodeURIComponent(slug)}` : ''}`,
        { signal },
      ),
    select: (data) => data.items,
  });
}

export function useComparison(templateId: string, slug: string) {
  return useQuery({
    queryKey: surveyKeys.comparison(templateId, slug),
    queryFn: ({ signal }) =>
      apiRequest<SurveyComparison>(
        `/api/v1/survey-templates/${encodeURIComponent(templateId)}/comparison?community=${encodeURIComponent(slug)}`,
        { signal },
      ),
  });
}

/** A guest's way in: the questionnaire behind a share link. */
export function useSurveyByLink(token: string) {
  return useQuery({
    queryKey: surveyKeys.link(token),
    queryFn: ({ signal }) =>
      apiRequest<SurveyDto>(`/api/v1/survey-links/${encodeURIComponent(token)}`, { signal }),
    retry: false,
  });
}

export function useGuestResponse(id: string, editToken: string) {
  return useQuery({
    queryKey: surveyKeys.guest(id, editToken),
    queryFn: ({ signal }) =>
      apiRequest<{ survey: SurveyDto; answers: AnswerDto[] }>(
        `${surveyPath(id)}/guest-responses/${encodeURIComponent(editToken)}`,
        { signal },
      ),
    retry: false,
  });
}

export function useGuestAnswer(surveyId: string) {
  return useCreateMutation({
    mutationFn: (input: { token: string; name?: string; answers: AnswerDto[] }) =>
      apiRequest<{ editToken: string; editUrl: string; answers: AnswerDto[] }>(
        `${surveyPath(surveyId)}/guest-responses`,
        { method: 'POST', body: input },
      ),
    onSuccess: (response) => {
      try {
        localStorage.setItem(guestKey(surveyId), response.editUrl);
      } catch {
        // Without storage the guest keeps the link shown on screen.
      }
    },
  });
}

export function useGuestChange(surveyId: string, editToken: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (answers: AnswerDto[]) =>
      apiRequest<{ answers: AnswerDto[] }>(
        `${surveyPath(surveyId)}/guest-responses/${encodeURIComponent(editToken)}`,
        { method: 'PUT', body: { answers } },
      ),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: surveyKeys.guest(surveyId, editToken) }),
  });
}

/** Deletes one of a community's templates (its animators); questionnaires made from it stay. */
export function useDeleteTemplate() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (templateId: string) =>
      apiSend(`/api/v1/survey-templates/${encodeURIComponent(templateId)}`, { method: 'DELETE' }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['surveys', 'templates'] }),
  });
}

/** Title, description, dates, threshold; the questions while nobody has answered. */
export function usePatchSurvey(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (patch: SurveyPatch) =>
      apiRequest<SurveyDto>(surveyPath(id), { method: 'PATCH', body: patch }),
    onSuccess: (survey) => {
      queryClient.setQueryData(surveyKeys.detail(id), survey);
      void queryClient.invalidateQueries({ queryKey: surveyKeys.results(id) });
    },
  });
}
