import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { ProfileUpdate, profileEnvelopeSchema } from '../../../contract/user.ts';
import { apiRequest } from '../../lib/api-client.ts';
import { meQueryKey } from '../auth/auth-api.ts';

type ProfileEnvelope = z.output<typeof profileEnvelopeSchema>;
/** The whole profile, territories included (the session's `me` may come from a sign-in answer). */
const profileQueryKey = ['me', 'profile'] as const;

export function useProfile() {
  return useQuery({
    queryKey: profileQueryKey,
    queryFn: ({ signal }) => apiRequest<ProfileEnvelope>('/api/v1/me', { signal }).then((body) => body.user),
  });
}

export function useUpdateProfile() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (patch: ProfileUpdate) =>
      apiRequest<ProfileEnvelope>('/api/v1/me', { method: 'PATCH', body: patch }),
    onSuccess: ({ user }) => {
      queryClient.setQueryData(meQueryKey, user);
      queryClient.setQueryData(profileQueryKey, user);
    },
  });
}
