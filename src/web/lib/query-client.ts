import { QueryClient } from '@tanstack/react-query';
import { ApiError } from './api-client.ts';

/** Retrying a 4xx cannot change its answer; a network hiccup or a 5xx may pass on a second try. */
function shouldRetry(failureCount: number, error: Error): boolean {
  if (error instanceof ApiError && error.status >= 400 && error.status < 500) return false;
  return failureCount < 2;
}

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: { staleTime: 30_000, retry: shouldRetry },
      mutations: { retry: false },
    },
  });
}
