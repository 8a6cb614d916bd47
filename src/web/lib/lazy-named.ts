import { type ComponentType, type LazyExoticComponent, lazy } from 'react';

export interface LazyNamed<P extends object> {
  Component: LazyExoticComponent<ComponentType<P>>;
  /** Starts the download early (on hover or focus) so the component is ready when needed. */
  preload: () => void;
}

/**
 * React.lazy for a named export, with a preload handle. A failed download is forgotten, so
 * the next attempt retries instead of replaying the failure.
 */
export function lazyNamed<K extends string, P extends object>(
  load: () => Promise<Record<K, ComponentType<P>>>,
  name: K,
): LazyNamed<P> {
  let pending: Promise<{ default: ComponentType<P> }> | undefined;
  const get = () => {
    pending ??= load().then(
      (module) => ({ default: module[name] }),
      (error: unknown) => {
        pending = undefined;
        throw error;
      },
    );
    return pending;
  };
  return { Component: lazy(get), preload: () => void get().catch(() => undefined) };
}
