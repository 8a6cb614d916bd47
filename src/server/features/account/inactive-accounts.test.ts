import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toIso } from '../../db/columns.ts';
import { createTestApp, registerUser, type TestApp, type TestUser } from '../../testing/test-app.ts';
import { testDialects } from '../../testing/test-database.ts';
import { leavingOf } from '../registry.ts';
import { tickInactiveAccounts } from './inactive-accounts.ts';

const DAY = 86_400_000;

describe.each(testDialects())('inactive accounts on %s', (dialect) => {
  let t: TestApp;
  const now = new Date('2027-03-15T08:00:00.000Z');
  const tick = (at: Date) =>
    tickInactiveAccounts(t.database.db, at, {
      leaving: leavingOf(),
      env: { INACTIVE_MONTHS: 36, AUDIT_RETENTION_DAYS: 365 },
    });
  /** 36 months before `now`, then `days` later. */
  const monthsAgo = (days: number) => {
    const at = new Date(now);
    at.setUTCMonth(at.getUTCMonth() - 36);
    return new Date(at.getTime() + days * DAY).toISOString();
  };
  const lastActive = (user: TestUser, at: string) =>
    t.database.db.updateTable('users').set({ lastActiveAt: at }).where('id', '=', user.id).execute();
  const row = (user: TestUser) =>
    t.database.db
      .selectFrom('users')
      .select(['name', 'email', 'deletedAt', 'inactiveWarnedAt'])
      .where('id', '=', user.id)
      .executeTakeFirstOrThrow();
  const audits = (user: TestUser) =>
    t.database.db
      .selectFrom('auditEvents')
      .select('kind')
      .where('subjectId', '=', user.id)
      .orderBy('at')
      .execute()
      .then((rows) => rows.map((r) => r.kind));

  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(() => t.close());

  it('warns once 30 days before, then deletes the account still inactive; one who comes back stays', async () => {
    const gone = await registerUser(t.app, 'Absente Longtemps');
    const back = await registerUser(t.app, 'Revenue Juste');
    const recent = await registerUser(t.app, 'Active Encore');
    await lastActive(gone, monthsAgo(29));
    await lastActive(back, monthsAgo(29));
    await lastActive(recent, monthsAgo(31));
    await t.runJobs();

    await tick(now);
    await tick(now); // every instance ticks: still one warning each
    expect((await row(gone)).inactiveWarnedAt).not.toBeNull();
    expect((await row(recent)).inactiveWarnedAt).toBeNull();
    const jobs = await t.database.db
      .selectFrom('jobs')
      .select('key')
      .where('kind', '=', 'account.inactive-warning')
      .execute();
    expect(jobs).toHaveLength(2);
    await t.runJobs();
    const mail = t.lastMailTo(gone.email);
    expect(mail.subject).toContain('sera supprimé le 14 avril 2027');
    expect(mail.text).toContain('Absente Longtemps');

    // Too early to delete; then one of them signs in again.
    await tick(new Date(now.getTime() + 29 * DAY));
    expect((await row(gone)).deletedAt).toBeNull();
    await lastActive(back, new Date(now.getTime() + 2 * DAY).toISOString());

    await tick(new Date(now.getTime() + 31 * DAY));
    const erased = await row(gone);
    expect(erased.deletedAt).not.toBeNull();
    expect(erased.name).toBe('Ancien·ne membre');
    expect(erased.email).not.toBe(gone.email);
    expect((await row(back)).deletedAt).toBeNull();
    expect(await audits(gone)).toEqual(['account.inactive-warned', 'account.inactive-deleted']);
    expect(await audits(back)).toEqual(['account.inactive-warned']);
    expect(
      await t.database.db.selectFrom('authAccounts').select('id').where('userId', '=', gone.id).execute(),
    ).toEqual([]);
  });

  it('records the day a session is used, once a day', async () => {
    const user = await registerUser(t.app, 'Présente');
    await t.database.db.updateTable('users').set({ lastActiveAt: null }).where('id', '=', user.id).execute();
    expect((await t.app.inject({ url: '/api/v1/me', headers: { cookie: user.cookie } })).statusCode).toBe(
      200,
    );
    await expect
      .poll(
        async () =>
          (
            await t.database.db
              .selectFrom('users')
              .select('lastActiveAt')
              .where('id', '=', user.id)
              .executeTakeFirstOrThrow()
          ).lastActiveAt,
      )
      .not.toBeNull();
    const seen = (
      await t.database.db
        .selectFrom('users')
        .select('lastActiveAt')
        .where('id', '=', user.id)
        .executeTakeFirstOrThrow()
    ).lastActiveAt;
    expect(Date.now() - Date.parse(toIso(seen ?? ''))).toBeLessThan(60_000);
  });
});
