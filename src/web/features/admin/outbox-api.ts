import { useQuery } from '@tanstack/react-query';
import type { OutboxMessage } from '../../../contract/admin.ts';
import { apiRequest } from '../../lib/api-client.ts';
import type { ListOf } from '../../lib/list-of.ts';

/** Mail the instance sent (or would have sent without SMTP): instance admins only. */
export function useOutbox(enabled: boolean) {
  return useQuery({
    queryKey: ['admin', 'outbox'],
    queryFn: ({ signal }) => apiRequest<ListOf<OutboxMessage>>('/api/v1/admin/outbox', { signal }),
    select: (data) => data.items,
    enabled,
  });
}
