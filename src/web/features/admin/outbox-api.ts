import type { OutboxMessage } from '../../../contract/admin.ts';
import { usePagedList } from '../../lib/use-paged-list.ts';

/** Mail the instance sent (or would have sent without SMTP): instance admins only. */
export function useOutbox(enabled: boolean) {
  return usePagedList<OutboxMessage>(['admin', 'outbox'], '/api/v1/admin/outbox', { enabled });
}
