import type { ParseKeys } from 'i18next';
import { type RefObject, useCallback, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { ApiError } from './api-client.ts';

/** The catalogue keys a validation message can use (see `validation` in fr.json). */
export type ValidationKey =
  | 'validation.required'
  | 'validation.tooShort'
  | 'validation.tooLong'
  | 'validation.min'
  | 'validation.max'
  | 'validation.email'
  | 'validation.slug'
  | 'validation.passwordsDiffer'
  | 'validation.wholeNumber'
  | 'validation.offline'
  | 'validation.invalid'
  | 'validation.endAfterStart'
  | 'validation.integer'
  | 'validation.number'
  | 'validation.choice'
  | 'validation.tooFew'
  | 'validation.tooMany'
  | 'validation.refused';

/** Any catalogue key: a form may name its own message for a rule of its contract. */
export type MessageKey = ValidationKey | ParseKeys;

/** A message to show under a field: a catalogue key, or the server's own words. */
export type FieldIssue = { key: MessageKey; count?: number; reason?: string } | { text: string };
/** By field name; a nested field also by its dotted path ("topics.0.title"). */
export type FieldIssues = Partial<Record<string, FieldIssue>>;

export type ValidationResult<T> = { ok: true; data: T } | { ok: false; issues: FieldIssues };

/** Sizes have clear words of their own; `override` names what the rule means for other issues. */
function toFieldIssue(issue: z.core.$ZodIssue, override: MessageKey | undefined): FieldIssue {
  switch (issue.code) {
    case 'too_small':
      if (issue.origin === 'number') return { key: 'validation.min', count: Number(issue.minimum) };
      if (issue.origin === 'array' || issue.origin === 'set')
        return { key: 'validation.tooFew', count: Number(issue.minimum) };
      return Number(issue.minimum) <= 1
        ? { key: 'validation.required' }
        : { key: 'validation.tooShort', count: Number(issue.minimum) };
    case 'too_big':
      if (issue.origin === 'number') return { key: 'validation.max', count: Number(issue.maximum) };
      if (issue.origin === 'array' || issue.origin === 'set')
        return { key: 'validation.tooMany', count: Number(issue.maximum) };
      return { key: 'validation.tooLong', count: Number(issue.maximum) };
    case 'invalid_format':
      return { key: override ?? (issue.format === 'email' ? 'validation.email' : 'validation.invalid') };
    case 'invalid_type':
      if (issue.expected === 'int') return { key: override ?? 'validation.integer' };
      return { key: override ?? (issue.expected === 'number' ? 'validation.number' : 'validation.invalid') };
    case 'invalid_value':
      return { key: override ?? 'validation.choice' };
    default:
      return { key: override ?? 'validation.invalid' };
  }
}

/** Loads a contract schema: zod (~28 KB gzip) is fetched when a form is used, not with the page. */
export type SchemaLoader<S extends z.ZodType> = () => Promise<S>;

function isBlank(values: unknown, field: string): boolean {
  if (typeof values !== 'object' || values === null || !(field in values)) return false;
  const value: unknown = Reflect.get(values, field);
  return typeof value === 'string' && value.trim() === '';
}

/**
 * Validates form values with a contract schema (the very one the server applies) and keeps
 * the first problem of each field, as a translatable message: zod's own messages are English.
 * `overrides` name a clearer message for a field's format, type or custom rule (e.g. the slug), by
 * name or path.
 * If the schema cannot be downloaded, the form says so under the `form` key.
 */
export async function validate<S extends z.ZodType>(
  load: SchemaLoader<S>,
  values: unknown,
  overrides: Partial<Record<string, MessageKey>> = {},
): Promise<ValidationResult<z.output<S>>> {
  let schema: S;
  try {
    schema = await load();
  } catch {
    return { ok: false, issues: { form: { key: 'validation.offline' } } };
  }
  const result = schema.safeParse(values);
  if (result.success) return { ok: true, data: result.data };
  const issues: FieldIssues = {};
  for (const issue of result.error.issues) {
    const field = String(issue.path[0] ?? 'form');
    const path = issue.path.map(String).join('.');
    // A row of a list is named with `*` for its index ("topics.*.capacity").
    const override = overrides[path] ?? overrides[path.replace(/\.\d+(?=\.|$)/g, '.*')];
    // An empty field is missing, whatever rule it breaks first ("invalid e-mail" would puzzle).
    const found: FieldIssue =
      path === field && isBlank(values, field)
        ? { key: 'validation.required' }
        : toFieldIssue(issue, override);
    issues[field] ??= found;
    if (path !== field) issues[path] ??= found;
  }
  return { ok: false, issues };
}

const requestParts = new Set(['body', 'params', 'querystring', 'headers']);

/** The field problems the server reported with a 400 INVALID_INPUT, by top-level field. */
export function issuesFromApiError(error: unknown): FieldIssues {
  if (!(error instanceof ApiError)) return {};
  const issues: FieldIssues = {};
  for (const { path, message } of error.fieldIssues) {
    // The server names where the value came from first (["body", "slug"]); forms know fields only.
    const fieldPath = requestParts.has(path[0] ?? '') ? path.slice(1) : path;
    const field = fieldPath[0] ?? 'form';
    issues[field] ??= { text: message };
    if (fieldPath.length > 1) issues[fieldPath.join('.')] ??= { text: message };
  }
  return issues;
}

/** Turns a FieldIssue into words in the current language. */
export function useIssueMessage(): (issue: FieldIssue | undefined) => string | undefined {
  const { t } = useTranslation();
  return useCallback(
    (issue) => {
      if (!issue) return undefined;
      if ('text' in issue) return issue.text;
      if (issue.reason !== undefined) return t(issue.key, { reason: issue.reason });
      return issue.count === undefined ? t(issue.key) : t(issue.key, { count: issue.count });
    },
    [t],
  );
}

/** Starts downloading a form's schema as soon as the form gets focus, so submitting never waits. */
export function preloadSchema(load: SchemaLoader<z.ZodType>): () => void {
  return () => void load().catch(() => undefined);
}

/**
 * After a failed submit, moves focus to the first invalid field: its error is then read out,
 * and nobody has to hunt for what went wrong. Attach the ref to the <form>.
 */
export function useFocusFirstInvalid(issues: FieldIssues): RefObject<HTMLFormElement | null> {
  const ref = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (Object.keys(issues).length === 0) return;
    ref.current
      ?.querySelector<HTMLElement>('input[aria-invalid="true"], textarea[aria-invalid="true"]')
      ?.focus();
  }, [issues]);
  return ref;
}
