import { useQuery } from '@tanstack/react-query';
import type { InstanceInfo } from '../../../contract/instance.ts';
import { apiRequest } from '../../lib/api-client.ts';

/** What the instance says of itself (public): the legal, privacy and accessibility pages read it. */
export function useInstanceInfo() {
  return useQuery({
    queryKey: ['instance'],
    queryFn: ({ signal }) => apiRequest<InstanceInfo>('/api/v1/instance', { signal }),
    staleTime: 5 * 60_000,
  });
}
