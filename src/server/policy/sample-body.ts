/**
 * A request body that passes a route's JSON schema (from the OpenAPI document), so that a refusal
 * the policy walk expects comes from the policy, not from validation.
 */
type Schema = {
  $ref?: string;
  const?: unknown;
  enum?: unknown[];
  default?: unknown;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  minItems?: number;
  minLength?: number;
  format?: string;
  pattern?: string;
  minimum?: number;
  exclusiveMinimum?: number;
};

const future = new Date(Date.now() + 40 * 24 * 3600_000).toISOString();

function stringOf(schema: Schema): string {
  if (schema.format === 'date-time') return future;
  if (schema.format === 'date') return future.slice(0, 10);
  if (schema.format === 'email') return 'someone@example.org';
  if (schema.format === 'uri' || schema.format === 'url') return 'https://example.org/';
  if (schema.pattern) return 'abc-def';
  return 'x'.repeat(Math.max(schema.minLength ?? 1, 1));
}

export function sampleOf(input: object, components: object, depth = 0): unknown {
  let schema = input as Schema;
  if (schema.$ref) schema = (components as Record<string, Schema>)[schema.$ref.split('/').pop() ?? ''] ?? {};
  if (depth > 8) return undefined;
  if ('const' in schema) return schema.const;
  if (schema.enum) return schema.enum[0];
  if (schema.default !== undefined) return schema.default;
  const variants = schema.anyOf ?? schema.oneOf;
  if (variants) {
    const chosen = variants.find((variant) => variant.type !== 'null') ?? variants[0] ?? {};
    return sampleOf(chosen, components, depth + 1);
  }
  if (schema.allOf?.[0]) return sampleOf(schema.allOf[0], components, depth + 1);
  const type = Array.isArray(schema.type) ? schema.type.find((name) => name !== 'null') : schema.type;
  if (type === 'string') return stringOf(schema);
  if (type === 'integer' || type === 'number') return schema.minimum ?? (schema.exclusiveMinimum ?? 0) + 1;
  if (type === 'boolean') return false;
  if (type === 'array') {
    return Array.from({ length: schema.minItems ?? 0 }, () =>
      sampleOf(schema.items ?? {}, components, depth + 1),
    );
  }
  if (type === 'object' || schema.properties) {
    const properties = schema.properties ?? {};
    // Required fields, or one field when none is (a PATCH refuses an empty change).
    const names = schema.required?.length ? schema.required : Object.keys(properties).slice(0, 1);
    return Object.fromEntries(
      names.map((name) => [name, sampleOf(properties[name] ?? {}, components, depth + 1)]),
    );
  }
  return undefined;
}
