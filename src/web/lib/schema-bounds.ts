import type { z } from 'zod';

/** What an input can say about its own rules before anything is sent (HTML attributes, aria-required). */
export interface FieldBounds {
  isRequired: boolean;
  minLength?: number;
  maxLength?: number;
  min?: number;
  max?: number;
}

// Read through zod's public getters (`minLength`, `maxValue`…) and `def`, typed loosely on purpose:
// this module only reads, and takes no value from zod, so zod stays out of the page's first load.
interface Inspectable {
  _zod: { def: { type: string; innerType?: unknown; in?: unknown } };
  minLength?: unknown;
  maxLength?: unknown;
  minValue?: unknown;
  maxValue?: unknown;
}

function isInspectable(value: unknown): value is Inspectable {
  if (typeof value !== 'object' || value === null || !('_zod' in value)) return false;
  const internals = value._zod;
  return typeof internals === 'object' && internals !== null && 'def' in internals;
}

const wrappers = new Set(['optional', 'nullable', 'default', 'prefault', 'readonly', 'catch', 'nonoptional']);
const mayBeLeftOut = new Set(['optional', 'nullable', 'default', 'prefault', 'catch']);

function finite(value: unknown): number | undefined {
  // `z.int()` bounds itself by the safe integers: no form field means those.
  return typeof value === 'number' && Math.abs(value) < Number.MAX_SAFE_INTEGER ? value : undefined;
}

/** The bounds of one field's schema, looking through optional, nullable, default and pipes. */
export function boundsOf(schema: unknown): FieldBounds {
  let current = schema;
  let isOptional = false;
  for (let depth = 0; depth < 10 && isInspectable(current); depth += 1) {
    const { def } = current._zod;
    if (wrappers.has(def.type)) {
      if (mayBeLeftOut.has(def.type)) isOptional = true;
      current = def.innerType;
    } else if (def.type === 'pipe') {
      current = def.in;
    } else break;
  }
  if (!isInspectable(current)) return { isRequired: !isOptional };
  const minLength = finite(current.minLength);
  const bounds: FieldBounds = {
    // A text that must hold a character is required, even in a patch where it may be left out.
    isRequired: !isOptional || (current._zod.def.type === 'string' && (minLength ?? 0) >= 1),
  };
  if (current._zod.def.type === 'string') {
    if (minLength !== undefined && minLength > 1) bounds.minLength = minLength;
    const maxLength = finite(current.maxLength);
    if (maxLength !== undefined) bounds.maxLength = maxLength;
  } else if (current._zod.def.type === 'number') {
    const min = finite(current.minValue);
    const max = finite(current.maxValue);
    if (min !== undefined) bounds.min = min;
    if (max !== undefined) bounds.max = max;
  }
  return bounds;
}

/** The bounds of every top-level field of an object schema (refined or not); none for other shapes. */
export function fieldBounds(schema: z.ZodType): Record<string, FieldBounds> {
  const shape: unknown = 'shape' in schema ? schema.shape : undefined;
  if (typeof shape !== 'object' || shape === null) return {};
  return Object.fromEntries(Object.entries(shape).map(([name, field]) => [name, boundsOf(field)]));
}
