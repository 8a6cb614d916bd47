/**
 * Where to go after signing in. Only a path on this site is accepted: a `next` parameter that
 * could send the reader to another origin ("//evil.example", "/\evil.example", "https://…")
 * would turn our sign-in page into an open redirect.
 */
export function safeNextPath(next: string | null | undefined, fallback = '/'): string {
  if (!next?.startsWith('/')) return fallback;
  if (next.startsWith('//') || next.startsWith('/\\')) return fallback;
  // Control characters (tab, newline) are stripped by URL parsers and can hide a "//".
  // biome-ignore lint/suspicious/noControlCharactersInRegex: detecting them is the point.
  if (/[\u0000-\u001f\u007f]/.test(next)) return fallback;
  return next;
}

/** A sign-in (or sign-up) link that brings the reader back to `path` afterwards. */
export function signInPath(path: string, page: 'sign-in' | 'sign-up' = 'sign-in'): string {
  return path === '/' ? `/${page}` : `/${page}?next=${encodeURIComponent(path)}`;
}
