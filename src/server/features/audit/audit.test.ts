import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { testDialects } from '../../testing/test-database.ts';
import { recordAudit } from './audit.public.ts';

describe.each(testDialects())('audit log on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(() => t?.close());

  it('keeps an entry with its actor as an opaque id and clips the detail', async () => {
    await recordAudit(t.database.db, {
      kind: 'auth.sign-in-failed',
      actorId: 'user-that-may-be-deleted',
      ip: '192.0.2.7',
      detail: 'x'.repeat(500),
    });
    const row = await t.database.db
      .selectFrom('auditEvents')
      .selectAll()
      .where('actorId', '=', 'user-that-may-be-deleted')
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ kind: 'auth.sign-in-failed', ip: '192.0.2.7', subjectId: null });
    expect(row.detail).toHaveLength(200);
  });

  it('refuses a detail longer than the limit written around the helper', async () => {
    await expect(
      t.database.db
        .insertInto('auditEvents')
        .values({
          id: 'too-long',
          at: new Date().toISOString(),
          kind: 'admin.settings',
          actorId: null,
          subjectKind: null,
          subjectId: null,
          ip: null,
          detail: 'y'.repeat(201),
        })
        .execute(),
    ).rejects.toThrow();
  });
});
