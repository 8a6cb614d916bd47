import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, type ApiErrorCode } from './api-client.ts';

/** The code to explain to the reader; anything that is not an API answer is our own bug. */
export function errorCode(error: unknown): ApiErrorCode {
  return error instanceof ApiError ? error.code : 'INTERNAL';
}

export function isNotFound(error: unknown): boolean {
  return error instanceof ApiError && error.code === 'NOT_FOUND';
}

/**
 * Explains a failed request in the reader's language. The server's own message is English and
 * meant for developers, so we translate by code instead of showing it.
 */
export function useErrorMessage(): (error: unknown) => string {
  const { t } = useTranslation();
  return useCallback((error) => t(`errors.${errorCode(error)}`), [t]);
}
