import { type FormEvent, type RefObject, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { z } from 'zod';
import { useErrorMessage } from './error-message.ts';
import {
  type FieldIssue,
  type FieldIssues,
  issuesFromApiError,
  type MessageKey,
  type SchemaLoader,
  useIssueMessage,
  validate,
} from './form-validation.ts';
import { type FieldBounds, fieldBounds } from './schema-bounds.ts';

export interface ContractFormOptions<V extends object, S extends z.ZodType> {
  /** A loader from lib/contract-schemas.ts: zod arrives with the form's first focus, not with the page. */
  schema: SchemaLoader<S>;
  initialValues: V | (() => V);
  /** What the schema parses, from what the fields hold (numbers from text, blanks left out…). */
  toInput?: (values: V) => unknown;
  /** A clearer message for a field's format or custom rule, by field name or dotted path. */
  messages?: Partial<Record<string, MessageKey>>;
  /** Words for a server issue the contract's own rules do not explain (the server's clock: "in the past"). */
  serverMessages?: (path: string, message: string) => MessageKey | undefined;
  /** Rules the contract cannot state (two passwords alike): their issues win over the schema's. */
  check?: (values: V) => FieldIssues;
  /** The mutation's error: its field issues go under their fields, anything else above the buttons. */
  serverError?: unknown;
  /** Called with the parsed data once the values pass the contract. */
  onValid: (data: z.output<S>, values: V) => void;
}

/** What a text field needs: value, change and blur, its message and its bounds from the contract. */
export interface TextBinding extends Partial<Omit<FieldBounds, 'isRequired'>> {
  name: string;
  value: string;
  onChange: (value: string) => void;
  onBlur: () => void;
  errorMessage: string | undefined;
  isRequired?: boolean;
}

type TextKey<V> = { [K in keyof V]: V[K] extends string ? K : never }[keyof V] & string;

export interface ContractForm<V extends object> {
  values: V;
  setValue: <K extends keyof V>(name: K, value: V[K]) => void;
  /** Binds a text field (TextField's props) to a string value of the form. */
  text: (name: TextKey<V>) => TextBinding;
  /** The message to show under a field, client's first, then the server's until the field is edited. */
  error: (name: string) => string | undefined;
  bounds: (name: string) => FieldBounds | undefined;
  /** Checks a field again (its nested paths too) once the form was submitted: for a blur outside `text`. */
  revalidate: (name: string) => void;
  /** Spread on the <form>. */
  formProps: {
    ref: RefObject<HTMLFormElement | null>;
    onSubmit: (event: FormEvent) => void;
    onFocus: () => void;
    noValidate: true;
  };
  /** A problem that belongs to no field shown: offline, a refusal, a field the form does not show. */
  formMessage: string | undefined;
  isDirty: boolean;
  reset: (values?: V) => void;
}

/** The server's field issues, translated: its own words are English and for developers. */
export function serverFieldIssues(
  error: unknown,
  messages: Partial<Record<string, MessageKey>>,
  explain: ContractFormOptions<object, z.ZodType>['serverMessages'] = () => undefined,
): FieldIssues {
  const issues: FieldIssues = {};
  for (const [path, issue] of Object.entries(issuesFromApiError(error))) {
    if (!issue || !('text' in issue)) continue;
    const key = explain(path, issue.text) ?? messages[path] ?? messages[path.replace(/\.\d+(?=\.|$)/g, '.*')];
    issues[path] = key ? { key } : { key: 'validation.refused', reason: issue.text };
  }
  return issues;
}

const parentOf = (path: string) => path.slice(0, Math.max(0, path.lastIndexOf('.')));

/**
 * The form's own rules win, and speak for their whole row: a slot without a date has no times,
 * so the schema's "not valid" about those times would only puzzle.
 */
export function mergeIssues(schemaIssues: FieldIssues, formIssues: FieldIssues): FieldIssues {
  const rows = new Set(Object.keys(formIssues).map(parentOf).filter(Boolean));
  const kept = Object.entries(schemaIssues).filter(([path]) => !rows.has(parentOf(path)));
  return { ...Object.fromEntries(kept), ...formIssues };
}

function withoutField(issues: FieldIssues, name: string): FieldIssues {
  return Object.fromEntries(
    Object.entries(issues).filter(([path]) => path !== name && !path.startsWith(`${name}.`)),
  );
}

function onlyField(issues: FieldIssues, name: string): FieldIssues {
  return Object.fromEntries(
    Object.entries(issues).filter(([path]) => path === name || path.startsWith(`${name}.`)),
  );
}

/**
 * One form fed by a contract schema, the very one the server applies: bounds for the inputs,
 * validation on submit (then on change and blur) with translated messages, the server's field
 * issues under their fields, and focus on the first invalid field after a failed attempt.
 */
export function useContractForm<V extends object, S extends z.ZodType>(
  options: ContractFormOptions<V, S>,
): ContractForm<V> {
  const issueMessage = useIssueMessage();
  const errorMessage = useErrorMessage();
  const [initial, setInitial] = useState(options.initialValues);
  const [values, setValues] = useState(initial);
  const [issues, setIssues] = useState<FieldIssues>({});
  const [bounds, setBounds] = useState<Record<string, FieldBounds>>({});
  // Fields edited since the current server error came: its message no longer applies to them.
  const [edited, setEdited] = useState<{ error: unknown; fields: ReadonlySet<string> }>({
    error: undefined,
    fields: new Set(),
  });
  const [focusRequest, setFocusRequest] = useState(0);
  const formRef = useRef<HTMLFormElement>(null);
  const latest = useRef({ options, values });
  latest.current = { options, values };
  const hasSubmitted = useRef(false);
  const boundsLoading = useRef(false);
  const shownFields = useRef(new Set<string>());

  const { serverError, messages = {}, serverMessages } = options;
  // biome-ignore lint/correctness/useExhaustiveDependencies: messages are constant per form; the error is what changes.
  const serverIssues = useMemo(() => serverFieldIssues(serverError, messages, serverMessages), [serverError]);
  const editedFields = edited.error === serverError ? edited.fields : new Set<string>();

  const check = useCallback(async (current: V) => {
    const { schema, toInput, messages: overrides, check: extra } = latest.current.options;
    const result = await validate(schema, toInput ? toInput(current) : current, overrides);
    const extraIssues = extra?.(current) ?? {};
    if (result.ok && Object.keys(extraIssues).length === 0) return result;
    return { ok: false as const, issues: mergeIssues(result.ok ? {} : result.issues, extraIssues) };
  }, []);

  const loadBounds = useCallback(() => {
    if (boundsLoading.current) return;
    boundsLoading.current = true;
    latest.current.options.schema().then(
      (schema) => setBounds(fieldBounds(schema)),
      () => {
        boundsLoading.current = false;
      },
    );
  }, []);

  useEffect(() => {
    if (focusRequest === 0) return;
    formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [focusRequest]);

  // A new server error with field issues: the reader lands on the first of them.
  useEffect(() => {
    if (Object.keys(serverIssues).length > 0) setFocusRequest((n) => n + 1);
  }, [serverIssues]);

  const issueFor = (name: string): FieldIssue | undefined =>
    issues[name] ?? (editedFields.has(name) ? undefined : serverIssues[name]);

  const revalidateField = useCallback(
    (name: string) => {
      if (!hasSubmitted.current) return;
      void check(latest.current.values).then((result) =>
        setIssues((current) => ({
          ...withoutField(current, name),
          ...(result.ok ? {} : onlyField(result.issues, name)),
        })),
      );
    },
    [check],
  );

  const setValue = useCallback(
    <K extends keyof V>(name: K, value: V[K]) => {
      latest.current.values = { ...latest.current.values, [name]: value };
      setValues(latest.current.values);
      setEdited((current) => ({
        error: serverError,
        fields: new Set([...(current.error === serverError ? current.fields : []), String(name)]),
      }));
      // Once a submit has shown the problems, each one goes as soon as it is fixed.
      revalidateField(String(name));
    },
    [serverError, revalidateField],
  );

  const error = (name: string) => {
    // A list whose rows show their problems has its server issues placed.
    shownFields.current.add(name.split('.')[0] ?? name);
    return issueMessage(issueFor(name));
  };

  const text = (name: TextKey<V>): TextBinding => {
    const value = values[name];
    const { isRequired, ...rest } = bounds[name] ?? { isRequired: undefined };
    return {
      ...rest,
      name,
      value: typeof value === 'string' ? value : '',
      onChange: (next) => setValue(name, next as V[typeof name]),
      onBlur: () => revalidateField(name),
      errorMessage: error(name),
      ...(isRequired ? { isRequired } : {}),
    };
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    hasSubmitted.current = true;
    void check(latest.current.values).then((result) => {
      if (!result.ok) {
        setIssues(result.issues);
        setFocusRequest((n) => n + 1);
        return;
      }
      setIssues({});
      latest.current.options.onValid(result.data, latest.current.values);
    });
  };

  const unplaced = Object.entries(serverIssues).find(
    ([path]) => !path.includes('.') && !shownFields.current.has(path) && !editedFields.has(path),
  );
  const formMessage = issues.form
    ? issueMessage(issues.form)
    : unplaced
      ? issueMessage(unplaced[1])
      : serverError && Object.keys(serverIssues).length === 0
        ? errorMessage(serverError)
        : undefined;

  const isDirty = useMemo(() => JSON.stringify(values) !== JSON.stringify(initial), [values, initial]);

  return {
    values,
    setValue,
    text,
    error,
    bounds: (name) => bounds[name],
    revalidate: revalidateField,
    formProps: { ref: formRef, onSubmit, onFocus: loadBounds, noValidate: true },
    formMessage,
    isDirty,
    reset: (next) => {
      const fresh = next ?? initial;
      setInitial(fresh);
      setValues(fresh);
      setIssues({});
      hasSubmitted.current = false;
    },
  };
}

/**
 * A number field's text as the contract takes it: blank gives `blank` (a default, or null for "no
 * limit"); anything else a number, NaN included, which the schema refuses with "enter a number".
 */
export function numberFromText<B>(text: string, blank: B): number | B {
  const trimmed = text.trim();
  return trimmed === '' ? blank : Number(trimmed);
}
