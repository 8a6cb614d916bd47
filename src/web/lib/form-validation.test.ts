import { describe, expect, it } from 'vitest';
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
