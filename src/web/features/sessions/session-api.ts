import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo } from 'react';
import type { z } from 'zod';
import type {
  AgendaItem,
  AgendaItemInput,
  checkinPutSchema,
  checkinSchema,
  ImportOffers,
  ImportReport,
  Session,
  SessionCreateInput,
  SessionPatch,
  SessionSeriesCreateBody,
  SessionSummary,
} from '../../../contract/session.ts';
import { SessionFollower } from '../../../contract/session-follower.ts';
import type { ParticipantStatus } from '../../../domain/session.ts';
import { apiRequest, apiSend } from '../../lib/api-client.ts';
import type { ListOf } from '../../lib/list-of.ts';
import { useCreateMutation } from '../../lib/use-create-mutation.ts';
import { useLiveTopic } from '../../lib/use-live-topic.ts';
import { usePagedList } from '../../lib/use-paged-list.ts';
import { circlePath } from '../circles/circle-api.ts';
import { actionKeys } from './action-api.ts';
import { sessionKeys, sessionPath } from './session-keys.ts';

export { sessionKeys, sessionPath, useMySessions } from './session-keys.ts';

/** A slow safety net under the live connection, for networks that refuse WebSockets. */
export const livePollMs = 30_000;

export function useCircleSessions(circleId: string) {
  return usePagedList<SessionSummary>(sessionKeys.ofCircle(circleId), `${circlePath(circleId)}/sessions`);
}

/**
 * The session, kept fresh. This hook is the one place that knows how: today it polls every
 * few seconds while the session is live and the tab is visible (TanStack Query pauses interval
 * refetches in a hidden tab); a live transport can later push into the same cache entry.
 */
export function useSession(id: string, isSignedIn = true) {
  const queryClient = useQueryClient();
  // What others do reaches this page through the live connection: agenda moves and check-ins patch
  // the cached session, other events read it again (session-follower.ts, decision 043). The slow
  // poll only covers a connection that cannot be opened (a proxy that refuses WebSockets).
  const follower = useMemo(() => {
    const key = sessionKeys.detail(id);
    return new SessionFollower({
      get: () => queryClient.getQueryData<Session>(key),
      set: (session) => queryClient.setQueryData(key, session),
      refetch: () => void queryClient.invalidateQueries({ queryKey: key }),
    });
  }, [id, queryClient]);
  useEffect(() => () => follower.stop(), [follower]);
  useLiveTopic(
    isSignedIn ? `session:${id}` : null,
    (event) => (event ? follower.onEvent(event) : follower.onResync()),
    () => follower.onResync(),
  );
  return useQuery({
    queryKey: sessionKeys.detail(id),
    queryFn: ({ signal }) => follower.load(() => apiRequest<Session>(sessionPath(id), { signal })),
    refetchInterval: (query) => (query.state.data?.status === 'live' ? livePollMs : false),
    refetchIntervalInBackground: false,
    staleTime: 0,
  });
}

/** Lists that show a session's summary (title, time, status) after it changed. */
function useSessionListsRefresh() {
  const queryClient = useQueryClient();
  return (session: Pick<Session, 'id' | 'circleId'>) => {
    void queryClient.invalidateQueries({ queryKey: sessionKeys.ofCircle(session.circleId) });
    void queryClient.invalidateQueries({ queryKey: sessionKeys.mine });
  };
}

export function useCreateSession(circleId: string) {
  const queryClient = useQueryClient();
  const refreshLists = useSessionListsRefresh();
  return useCreateMutation({
    mutationFn: (input: SessionCreateInput) =>
      apiRequest<Session>(`${circlePath(circleId)}/sessions`, { method: 'POST', body: input }),
    onSuccess: (session) => {
      queryClient.setQueryData(sessionKeys.detail(session.id), session);
      refreshLists(session);
    },
  });
}

/** Plans recurring sessions; the circle's lists are read again. */
export function useCreateSessionSeries(circleId: string) {
  const refreshLists = useSessionListsRefresh();
  return useCreateMutation({
    mutationFn: (input: SessionSeriesCreateBody) =>
      apiRequest<{ seriesId: string; sessions: { id: string; startsAt: string; endsAt: string }[] }>(
        `${circlePath(circleId)}/session-series`,
        { method: 'POST', body: input },
      ),
    onSuccess: () => refreshLists({ id: '', circleId }),
  });
}

/** Deletes a session; its page's cached copy goes, the lists are read again. */
export function useDeleteSession(session: Pick<Session, 'id' | 'circleId'>) {
  const queryClient = useQueryClient();
  const refreshLists = useSessionListsRefresh();
  return useMutation({
    mutationFn: () => apiSend(sessionPath(session.id), { method: 'DELETE' }),
    onSuccess: () => {
      queryClient.removeQueries({ queryKey: sessionKeys.detail(session.id) });
      refreshLists(session);
      // Its next steps stay, detached: "Mes actions" shows them without the session.
      void queryClient.invalidateQueries({ queryKey: actionKeys.mine });
    },
  });
}

/** A write whose answer is the whole session: it replaces the cached one. */
function useSessionWrite<V>(id: string, request: (variables: V) => Promise<Session>) {
  const queryClient = useQueryClient();
  const refreshLists = useSessionListsRefresh();
  return useMutation({
    mutationFn: request,
    onSuccess: (session) => {
      queryClient.setQueryData(sessionKeys.detail(id), session);
      refreshLists(session);
    },
  });
}

/** A write that answers with a part only: the session is fetched again. */
function useSessionPartWrite<V, R>(id: string, request: (variables: V) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: request,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: sessionKeys.detail(id) }),
  });
}

export function usePatchSession(id: string) {
  return useSessionWrite(id, (patch: SessionPatch) =>
    apiRequest<Session>(sessionPath(id), { method: 'PATCH', body: patch }),
  );
}

export function useSetCurrentItem(id: string) {
  return useSessionWrite(id, (itemId: string | null) =>
    apiRequest<Session>(`${sessionPath(id)}/current-item`, { method: 'POST', body: { itemId } }),
  );
}

export function useRsvp(id: string) {
  return useSessionWrite(id, (status: 'confirmed' | 'excused') =>
    apiRequest<Session>(`${sessionPath(id)}/participants/me`, { method: 'PUT', body: { status } }),
  );
}

export function useAddParticipant(id: string) {
  return useSessionWrite(id, (input: { userId: string } | { guestName: string }) =>
    apiRequest<Session>(`${sessionPath(id)}/participants`, { method: 'POST', body: input }),
  );
}

export function useSetAttendance(id: string) {
  return useSessionWrite(
    id,
    ({ participantId, status }: { participantId: string; status: ParticipantStatus }) =>
      apiRequest<Session>(`${sessionPath(id)}/participants/${encodeURIComponent(participantId)}`, {
        method: 'PATCH',
        body: { status },
      }),
  );
}

/** Flags one item "à communiquer", with its author (the list's PUT stays for removing). */
export function usePostCommunication(id: string) {
  return useSessionPartWrite(id, (text: string) =>
    apiRequest<unknown>(`${sessionPath(id)}/communications`, { method: 'POST', body: { text } }),
  );
}

export function usePutAnnouncements(id: string) {
  return useSessionWrite(id, (items: string[]) =>
    apiRequest<Session>(`${sessionPath(id)}/announcements`, { method: 'PUT', body: { items } }),
  );
}

export function usePutCheckin(id: string) {
  return useSessionPartWrite(id, (input: z.input<typeof checkinPutSchema>) =>
    apiRequest<ListOf<z.output<typeof checkinSchema>>>(`${sessionPath(id)}/checkins/me`, {
      method: 'PUT',
      body: input,
    }),
  );
}

export function usePutAgenda(id: string) {
  return useSessionPartWrite(id, (items: AgendaItemInput[]) =>
    apiRequest<ListOf<AgendaItem>>(`${sessionPath(id)}/agenda`, { method: 'PUT', body: { items } }),
  );
}

/** What an import of pad notes answers: the session (saved, or only previewed) and the lines left unread. */
export interface SessionImportResult {
  session: Session;
  /** The first unplaced lines (at most `maxReportedUnplaced`) and how many there were in all. */
  report: ImportReport;
  /** What the pad asks to organise: a sign-up sheet, date polls (offered in the review). */
  offers?: ImportOffers;
}

export interface SessionImportInput {
  text: string;
  /** The meeting's day, for notes that do not say it. */
  date?: string;
  timeZone: string;
}

function importPath(circleId: string, input: SessionImportInput, isDryRun: boolean): string {
  const query = new URLSearchParams();
  if (isDryRun) query.set('dryRun', '1');
  query.set('timeZone', input.timeZone);
  if (input.date) query.set('date', input.date);
  return `${circlePath(circleId)}/sessions/import?${query}`;
}

/** Previews pad notes as a session: nothing is saved, so no cache is touched. */
export function usePreviewSessionImport(circleId: string) {
  return useMutation({
    mutationFn: (input: SessionImportInput) =>
      apiRequest<SessionImportResult>(importPath(circleId, input, true), {
        method: 'POST',
        textBody: input.text,
      }),
  });
}

export function useImportSession(circleId: string) {
  const queryClient = useQueryClient();
  const refreshLists = useSessionListsRefresh();
  return useCreateMutation({
    mutationFn: (input: SessionImportInput) =>
      apiRequest<SessionImportResult>(importPath(circleId, input, false), {
        method: 'POST',
        textBody: input.text,
      }),
    onSuccess: ({ session }) => {
      queryClient.setQueryData(sessionKeys.detail(session.id), session);
      refreshLists(session);
    },
  });
}
