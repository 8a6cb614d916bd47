import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'scripts/**/*.test.ts'],
    environment: 'node',
    // Migrates one PostgreSQL template per run; each test database is a copy of it.
    globalSetup: ['src/server/testing/vitest-global-setup.ts'],
    // Limits that catch hangs, not slowness: on a busy machine (two cores, another run beside this
    // one) creating and migrating a PostgreSQL database or hashing passwords takes several times
    // longer than when quiet. No retries: a failure is always seen.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // expect.poll waits for what another process or socket does: 1 s by default, which a busy
    // machine exceeds. Thirty seconds catches a hang; a frame that comes ends the wait at once.
    expect: { poll: { timeout: 30_000 } },
    // Two cores: one worker per core keeps PostgreSQL and the hashing of passwords from starving.
    maxWorkers: 2,
    // Each worker loads the server's modules once for all its files, not once per file: importing
    // them took 187 of the suite's 386 s. Files still get their own app and database; what a test
    // changes globally (vi.stubGlobal, fake timers) it restores in its own afterEach.
    isolate: false,
  },
});
