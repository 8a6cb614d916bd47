import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { AdminCommunity, AdminUser, AdminUserPatch, AuditItem } from '../../../contract/admin.ts';
import type { InstanceSettings } from '../../../contract/instance.ts';
import type { AuditKind } from '../../../domain/audit.ts';
import { apiRequest, apiSend } from '../../lib/api-client.ts';
import { usePagedList } from '../../lib/use-paged-list.ts';

const withQuery = (path: string, params: Record<string, string | undefined>) => {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value) query.set(key, value);
  const text = query.toString();
  return text ? `${path}?${text}` : path;
};

export function useAdminUsers(q: string) {
  return usePagedList<AdminUser>(['admin', 'users', q], withQuery('/api/v1/admin/users', { q, limit: '20' }));
}

export function useUpdateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, patch }: { id: string; patch: AdminUserPatch }) =>
      apiRequest<AdminUser>(`/api/v1/admin/users/${encodeURIComponent(id)}`, {
        method: 'PATCH',
        body: patch,
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['admin'] }),
  });
}

export function useSignOutUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      apiSend(`/api/v1/admin/users/${encodeURIComponent(id)}/sign-out`, { method: 'POST' }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['admin', 'audit'] }),
  });
}

export function useAdminCommunities(q: string) {
  return usePagedList<AdminCommunity>(
    ['admin', 'communities', q],
    withQuery('/api/v1/admin/communities', { q, limit: '20' }),
  );
}

export function useArchiveCommunity() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, archived }: { id: string; archived: boolean }) =>
      apiRequest<AdminCommunity>(`/api/v1/admin/communities/${encodeURIComponent(id)}`, {
        method: 'PATCH',
        body: { archived },
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['admin'] }),
  });
}

export function useTransferCommunity() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, userId, demoteOthers }: { id: string; userId: string; demoteOthers: boolean }) =>
      apiRequest<AdminCommunity>(`/api/v1/admin/communities/${encodeURIComponent(id)}/transfer`, {
        method: 'POST',
        body: { userId, demoteOthers },
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['admin'] }),
  });
}

export function useAdminSettings() {
  return useQuery({
    queryKey: ['admin', 'settings'],
    queryFn: ({ signal }) => apiRequest<InstanceSettings>('/api/v1/admin/settings', { signal }),
  });
}

export function useSaveSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (settings: InstanceSettings) =>
      apiRequest<InstanceSettings>('/api/v1/admin/settings', { method: 'PUT', body: settings }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['admin'] });
      void queryClient.invalidateQueries({ queryKey: ['instance'] });
    },
  });
}

export interface AuditFilters {
  kind: AuditKind | '';
  actor: string;
  /** Days as YYYY-MM-DD, read in the browser's time zone. */
  from: string;
  to: string;
}

/** The query of the audit list and of its CSV export: the same filters for both. */
export function auditQuery(filters: AuditFilters): Record<string, string | undefined> {
  const dayStart = (day: string) => (day ? new Date(`${day}T00:00:00`).toISOString() : undefined);
  const nextDay = (day: string) => {
    if (!day) return undefined;
    const date = new Date(`${day}T00:00:00`);
    date.setDate(date.getDate() + 1);
    return date.toISOString();
  };
  return {
    kind: filters.kind || undefined,
    actor: filters.actor.trim() || undefined,
    from: dayStart(filters.from),
    to: nextDay(filters.to),
  };
}

export function useAuditLog(filters: AuditFilters) {
  const query = auditQuery(filters);
  return usePagedList<AuditItem>(
    ['admin', 'audit', query],
    withQuery('/api/v1/admin/audit', { ...query, limit: '50' }),
  );
}

export const auditCsvHref = (filters: AuditFilters) =>
  withQuery('/api/v1/admin/audit.csv', auditQuery(filters));
