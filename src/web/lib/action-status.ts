import { useState } from 'react';
import type { FormStatusMessage } from '../components/form-status.tsx';
import { useErrorMessage } from './error-message.ts';

/** Mutation callbacks that report the outcome of one action in a shared live region. */
export type Report = (success: string) => { onSuccess: () => void; onError: (error: unknown) => void };

/**
 * One live region for a whole list: a row may vanish once acted upon (an approved request),
 * and its outcome must still be read out.
 */
export function useActionStatus(): { message: FormStatusMessage | null; report: Report } {
  const errorMessage = useErrorMessage();
  const [message, setMessage] = useState<FormStatusMessage | null>(null);
  return {
    message,
    report: (success) => ({
      onSuccess: () => setMessage({ tone: 'success', text: success }),
      onError: (error) => setMessage({ tone: 'danger', text: errorMessage(error) }),
    }),
  };
}

/**
 * Runs a mutation and reports its outcome through the list's live region. TanStack Query drops
 * the per-call callbacks of `mutate` once the calling row unmounts (an approved request leaves the
 * list before its success arrives); the promise of `mutateAsync` settles regardless.
 */
export function runReported<V>(
  mutateAsync: (variables: V) => Promise<unknown>,
  variables: V,
  outcome: ReturnType<Report>,
): void {
  mutateAsync(variables).then(outcome.onSuccess, outcome.onError);
}
