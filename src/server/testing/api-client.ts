import type { z } from 'zod';
import {
  circleCreateSchema,
  circleJoinResultSchema,
  circleJoinSchema,
  circleSchema,
} from '../../contract/circle.ts';
import {
  communityCreateSchema,
  communityJoinResultSchema,
  communityJoinSchema,
  communitySchema,
} from '../../contract/community.ts';
import { sessionCreateSchema, sessionSchema } from '../../contract/session.ts';
import { meSchema } from '../../contract/user.ts';
import type { TestApp } from './test-app.ts';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** The `:name` parameters of a path template, as an object type. */
type PathParams<Path extends string> = Path extends `${string}:${infer Name}/${infer Rest}`
  ? { [K in Name | keyof PathParams<`/${Rest}`>]: string }
  : Path extends `${string}:${infer Name}`
    ? { [K in Name]: string }
    : Record<never, never>;

/** One route as the contract describes it: its body and success answer are the routes' own schemas. */
export interface Endpoint<Path extends string, Body extends z.ZodType | undefined, Answer extends z.ZodType> {
  method: Method;
  /** Under /api/v1, with Fastify's `:name` parameters. */
  path: Path;
  body: Body;
  answer: Answer;
  status: number;
}

function endpoint<Path extends string, Body extends z.ZodType | undefined, Answer extends z.ZodType>(
  definition: Endpoint<Path, Body, Answer>,
): Endpoint<Path, Body, Answer> {
  return definition;
}

/**
 * The routes tests set up data through, typed by the contract's zod schemas: a test passes what
 * the schema accepts (its input type) and gets back what the answer schema describes, parsed, so
 * an answer that drifts from the contract fails the test that made it. `api-client.test.ts` checks
 * that each one is a documented route in the OpenAPI document.
 */
export const endpoints = {
  me: endpoint({ method: 'GET', path: '/me', body: undefined, answer: meSchema, status: 200 }),
  createCommunity: endpoint({
    method: 'POST',
    path: '/communities',
    body: communityCreateSchema,
    answer: communitySchema,
    status: 201,
  }),
  joinCommunity: endpoint({
    method: 'POST',
    path: '/communities/:slug/members',
    body: communityJoinSchema,
    answer: communityJoinResultSchema,
    status: 200,
  }),
  createCircle: endpoint({
    method: 'POST',
    path: '/communities/:slug/circles',
    body: circleCreateSchema,
    answer: circleSchema,
    status: 201,
  }),
  addToCircle: endpoint({
    method: 'POST',
    path: '/circles/:id/members',
    body: circleJoinSchema,
    answer: circleJoinResultSchema,
    status: 200,
  }),
  createSession: endpoint({
    method: 'POST',
    path: '/circles/:id/sessions',
    body: sessionCreateSchema,
    answer: sessionSchema,
    status: 201,
  }),
};

type Request<E> =
  E extends Endpoint<infer Path, infer Body, z.ZodType>
    ? (keyof PathParams<Path> extends never ? { params?: undefined } : { params: PathParams<Path> }) &
        (Body extends z.ZodType ? { body: z.input<Body> } : { body?: undefined })
    : never;

type Answer<E> = E extends Endpoint<string, z.ZodType | undefined, infer A> ? z.output<A> : never;

/**
 * Calls one route as `who` (a session cookie) through `app.inject()`. Throws with the answer when
 * the status is not the route's success status, so set-up failures name themselves.
 */
export async function callApi<E extends Endpoint<string, z.ZodType | undefined, z.ZodType>>(
  app: TestApp['app'],
  who: { cookie: string } | undefined,
  route: E,
  request: Request<E>,
): Promise<Answer<E>> {
  const params: Record<string, string> = request.params ?? {};
  const url = `/api/v1${route.path.replace(/:(\w+)/g, (_, name: string) => encodeURIComponent(params[name] ?? ''))}`;
  const response = await app.inject({
    method: route.method,
    url,
    headers: who ? { cookie: who.cookie } : {},
    ...(request.body !== undefined && { payload: request.body as object }),
  });
  // Some joins answer 201 when a row was made and 200 when it was there: both are success.
  const ok = response.statusCode === route.status || (route.status === 200 && response.statusCode === 201);
  if (!ok) throw new Error(`${route.method} ${url}: ${response.statusCode} ${response.body}`);
  return route.answer.parse(response.json()) as Answer<E>;
}
