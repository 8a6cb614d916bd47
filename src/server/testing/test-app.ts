import type { LightMyRequestResponse } from 'fastify';
import type { z } from 'zod';
import type { Circle, circleCreateSchema } from '../../contract/circle.ts';
import type { Community, communityCreateSchema } from '../../contract/community.ts';
import type { Session, sessionCreateSchema } from '../../contract/session.ts';
import { buildApp } from '../app.ts';
import type { DialectName } from '../db/database.ts';
import { parseEnv } from '../env.ts';
import { featureSearchSources } from '../features/registry.ts';
import { createBackgroundJobs } from '../jobs/background-jobs.ts';
import type { MailJobHooks } from '../mail/mail-jobs.ts';
import { createMailer, type Mailer, type MailMessage } from '../mail/mailer.ts';
import { drainSearchIndex } from '../search/search-indexer.ts';
import { callApi, endpoints } from './api-client.ts';
import { fastPasswordHashing } from './fast-password-hashing.ts';
import { createTestDatabase, type TestDatabase } from './test-database.ts';

export const TEST_ORIGIN = 'http://archipel.test';
/** The test app's AUTH_SECRET: what signs its session cookies. */
export const TEST_AUTH_SECRET = 'test-secret-test-secret-test-secret-0123';

export interface TestApp {
  app: Awaited<ReturnType<typeof buildApp>>;
  database: TestDatabase;
  /** Runs every due background job (mail, reminders) to the end, as the server's runner would. */
  runJobs(hooks?: MailJobHooks): Promise<number>;
  /**
   * The last mail sent to this address, as its recipient gets it (the outbox keeps only what admins
   * may read); throws when there is none.
   */
  lastMailTo(email: string): MailMessage;
  /** Brings the search index up to date, as the server's indexer does within half a second. */
  indexSearch(): Promise<number>;
  close(): Promise<void>;
}

/** The real app on a throwaway database of the given dialect; mail goes to the real outbox. */
export async function createTestApp(
  dialect: DialectName,
  envOverrides: Record<string, string> = {},
  options: {
    mailLog?: (line: string) => void;
    /** A database the test made itself (a file it backs up, say); closed with the app. */
    database?: TestDatabase;
  } = {},
): Promise<TestApp> {
  const database = options.database ?? (await createTestDatabase(dialect));
  const env = parseEnv({
    PUBLIC_URL: TEST_ORIGIN,
    AUTH_SECRET: TEST_AUTH_SECRET,
    AUTH_RATE_LIMIT: '100000',
    ...envOverrides,
  });
  const transport = createMailer({
    smtpUrl: env.SMTP_URL,
    from: env.MAIL_FROM,
    db: database.db,
    log: options.mailLog ?? (() => {}),
  });
  const delivered: MailMessage[] = [];
  const mailer: Mailer = {
    transport: transport.transport,
    async send(message) {
      await transport.send(message);
      delivered.push(message);
    },
  };
  const app = await buildApp({
    database,
    env,
    mailer,
    version: 'test',
    webRoot: '/nonexistent',
    passwordHashing: fastPasswordHashing,
  });
  await app.ready();
  return {
    app,
    database,
    runJobs: (hooks) =>
      createBackgroundJobs(database.db, {
        mail: {
          db: database.db,
          mailer,
          publicUrl: env.PUBLIC_URL,
          mailFrom: env.MAIL_FROM,
          secret: env.AUTH_SECRET ?? '',
        },
        env,
        ...(hooks && { hooks }),
        backoffBaseMs: 1,
      }).drain(),
    indexSearch: () => drainSearchIndex(database.db, featureSearchSources()),
    lastMailTo(email) {
      const mail = delivered.findLast((message) => message.to === email);
      if (!mail) throw new Error(`no mail to ${email}`);
      return mail;
    },
    async close() {
      await app.close();
      await database.dispose();
    },
  };
}

let counter = 0;

export interface TestUser {
  id: string;
  email: string;
  name: string;
  cookie: string;
}

export function cookieOf(response: LightMyRequestResponse): string {
  const header = response.headers['set-cookie'];
  const cookies = Array.isArray(header) ? header : header ? [header] : [];
  return cookies.map((cookie) => cookie.split(';')[0]).join('; ');
}

/** Registers a fresh account through the public API; returns its id and session cookie. */
export async function registerUser(app: TestApp['app'], name = `Person ${++counter}`): Promise<TestUser> {
  const email = `user${++counter}.${process.pid}@example.org`;
  const response = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/register',
    payload: { email, password: 'correct horse battery', name },
  });
  if (response.statusCode !== 201)
    throw new Error(`register failed: ${response.statusCode} ${response.body}`);
  return { id: response.json().user.id, email, name, cookie: cookieOf(response) };
}

/** Builders for the data most tests need, through the public API so rules apply. */
export function buildCommunity(
  app: TestApp['app'],
  owner: TestUser,
  overrides: Partial<z.input<typeof communityCreateSchema>> = {},
): Promise<Community> {
  const slug = `community-${++counter}`;
  return callApi(app, owner, endpoints.createCommunity, {
    body: { name: `Community ${counter}`, slug, joinPolicy: 'open', ...overrides },
  });
}

export function buildCircle(
  app: TestApp['app'],
  owner: TestUser,
  communitySlug: string,
  overrides: Partial<z.input<typeof circleCreateSchema>> = {},
): Promise<Circle> {
  return callApi(app, owner, endpoints.createCircle, {
    params: { slug: communitySlug },
    body: { name: `Circle ${++counter}`, kind: 'learning_circle', visibility: 'public', ...overrides },
  });
}

export async function joinCommunity(app: TestApp['app'], user: TestUser, slug: string): Promise<void> {
  await callApi(app, user, endpoints.joinCommunity, { params: { slug }, body: undefined });
}

/** A facilitator adds a community member to their circle (how people enter a private circle). */
export function addToCircle(app: TestApp['app'], facilitator: TestUser, circleId: string, user: TestUser) {
  return callApi(app, facilitator, endpoints.addToCircle, {
    params: { id: circleId },
    body: { userId: user.id },
  });
}

export function buildSession(
  app: TestApp['app'],
  facilitator: TestUser,
  circleId: string,
  overrides: Partial<z.input<typeof sessionCreateSchema>> = {},
): Promise<Session> {
  return callApi(app, facilitator, endpoints.createSession, {
    params: { id: circleId },
    body: {
      title: `Session ${++counter}`,
      startsAt: '2026-12-03T11:00:00Z',
      endsAt: '2026-12-03T12:00:00Z',
      ...overrides,
    },
  });
}
