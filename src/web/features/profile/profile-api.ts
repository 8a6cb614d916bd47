import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { ProfileUpdate, userEnvelopeSchema } from '../../../contract/user.ts';
import { apiRequest } from '../../lib/api-client.ts';
import { meQueryKey } from '../auth/auth-api.ts';

export function useUpdateProfile() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (patch: ProfileUpdate) =>
      apiRequest<z.output<typeof userEnvelopeSchema>>('/api/v1/me', { method: 'PATCH', body: patch }),
    onSuccess: ({ user }) => queryClient.setQueryData(meQueryKey, user),
  });
}
