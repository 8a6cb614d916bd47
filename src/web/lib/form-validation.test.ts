import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ApiError } from './api-client.ts';
import { userSchemas } from './contract-schemas.ts';
import { issuesFromApiError, validate } from './form-validation.ts';

const registerSchema = () => userSchemas().then((m) => m.registerSchema);

describe('validate', () => {
  it('returns the parsed data (trimmed, lowercased) when valid', async () => {
    const result = await validate(registerSchema, {
      name: ' Ana ',
      email: 'Ana@Exemple.FR ',
      password: 'longenough',
    });
    expect(result).toEqual({
      ok: true,
      data: { name: 'Ana', email: 'ana@exemple.fr', password: 'longenough' },
    });
  });

  it('turns zod issues into translatable messages, one per field', async () => {
    const result = await validate(registerSchema, { name: '', email: 'nope', password: 'short' });
    expect(result).toEqual({
      ok: false,
      issues: {
        name: { key: 'validation.required' },
        email: { key: 'validation.email' },
        password: { key: 'validation.tooShort', count: 8 },
      },
    });
  });

  it('uses a field override for format rules (the slug)', async () => {
    const schema = () => import('../../contract/community.ts').then((m) => m.communityCreateSchema);
    const result = await validate(
      schema,
      { name: 'Riposte', slug: 'Not A Slug' },
      { slug: 'validation.slug' },
    );
    expect(result.ok ? undefined : result.issues.slug).toEqual({ key: 'validation.slug' });
  });

  it('says so when the schema cannot be downloaded', async () => {
    const result = await validate(() => Promise.reject(new Error('offline')), {});
    expect(result).toEqual({ ok: false, issues: { form: { key: 'validation.offline' } } });
  });
});

describe('issuesFromApiError', () => {
  it("keeps the server's first message per top-level field", () => {
    const error = new ApiError(400, 'INVALID_INPUT', 'bad', [
      { path: ['capacity'], message: 'must be positive' },
      { path: ['capacity'], message: 'second' },
      { path: [], message: 'whole form' },
    ]);
    expect(issuesFromApiError(error)).toEqual({
      capacity: { text: 'must be positive' },
      form: { text: 'whole form' },
    });
  });

  it('reads the field after the request part the server names first', () => {
    const error = new ApiError(400, 'INVALID_INPUT', 'bad', [
      { path: ['body', 'endsAt'], message: 'must end after it starts' },
      { path: ['body'], message: 'whole body' },
    ]);
    expect(issuesFromApiError(error)).toEqual({
      endsAt: { text: 'must end after it starts' },
      form: { text: 'whole body' },
    });
  });

  it('ignores errors that are not about input', () => {
    expect(issuesFromApiError(new ApiError(409, 'CONFLICT', 'taken'))).toEqual({});
    expect(issuesFromApiError(new Error('boom'))).toEqual({});
  });
});

describe('validate: issue codes', () => {
  const load =
    <S extends z.ZodType>(schema: S) =>
    () =>
      Promise.resolve(schema);

  it('asks for a whole number when a decimal is given', async () => {
    const result = await validate(load(z.object({ dots: z.int() })), { dots: 1.5 });
    expect(result.ok ? undefined : result.issues.dots).toEqual({ key: 'validation.integer' });
  });

  it('asks for a number when text is given', async () => {
    const result = await validate(load(z.object({ dots: z.number() })), { dots: 'five' });
    expect(result.ok ? undefined : result.issues.dots).toEqual({ key: 'validation.number' });
  });

  it('asks for one of the values offered', async () => {
    const result = await validate(load(z.object({ kind: z.enum(['a', 'b']) })), { kind: 'c' });
    expect(result.ok ? undefined : result.issues.kind).toEqual({ key: 'validation.choice' });
  });

  it('counts the items a list lacks', async () => {
    const result = await validate(load(z.object({ topics: z.array(z.string()).min(2) })), { topics: [] });
    expect(result.ok ? undefined : result.issues.topics).toEqual({ key: 'validation.tooFew', count: 2 });
  });

  it('files a nested issue under its field and its dotted path', async () => {
    const schema = z.object({ topics: z.array(z.object({ title: z.string().max(3) })) });
    const result = await validate(load(schema), { topics: [{ title: 'long title' }] });
    const expected = { key: 'validation.tooLong', count: 3 };
    expect(result.ok ? undefined : result.issues).toEqual({ topics: expected, 'topics.0.title': expected });
  });
});
