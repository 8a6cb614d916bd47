import {
  type DefaultError,
  type MutateOptions,
  type UseMutationOptions,
  type UseMutationResult,
  useMutation,
} from '@tanstack/react-query';
import { useCallback, useRef } from 'react';

/**
 * A mutation that creates something. While one runs, further `mutate` calls are dropped: a double
 * click or a second Enter sends nothing more. The check is a ref, not `isPending`, which reaches
 * the button only at the next render, after a second click may already have gone through. The
 * request itself carries an Idempotency-Key (api-client), so a repeat that slips past still
 * creates once.
 */
export function useCreateMutation<TData, TVariables, TContext = unknown>(
  options: UseMutationOptions<TData, DefaultError, TVariables, TContext>,
): Omit<UseMutationResult<TData, DefaultError, TVariables, TContext>, 'mutate'> & {
  mutate: (
    variables: TVariables,
    callbacks?: MutateOptions<TData, DefaultError, TVariables, TContext>,
  ) => void;
} {
  const isRunning = useRef(false);
  const mutation = useMutation(options);
  const { mutate: run } = mutation;
  const mutate = useCallback(
    (variables: TVariables, callbacks?: MutateOptions<TData, DefaultError, TVariables, TContext>) => {
      if (isRunning.current) return;
      isRunning.current = true;
      run(variables, {
        ...callbacks,
        onSettled: (...args) => {
          isRunning.current = false;
          return callbacks?.onSettled?.(...args);
        },
      });
    },
    [run],
  );
  return { ...mutation, mutate };
}
