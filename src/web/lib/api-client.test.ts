import i18next from 'i18next';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, apiRequest, apiSend } from './api-client.ts';

function answer(status: number, body?: unknown, init: ResponseInit = {}): Response {
  const text = body === undefined ? null : typeof body === 'string' ? body : JSON.stringify(body);
  return new Response(text, { status, headers: { 'content-type': 'application/json' }, ...init });
}

function stubFetch(response: Response | Error) {
  const fetchMock = vi.fn(async () => {
    if (response instanceof Error) throw response;
    return response;
  });
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

async function failure(promise: Promise<unknown>): Promise<ApiError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof ApiError)) throw new Error(`expected an ApiError, got ${String(error)}`);
  return error;
}

afterEach(() => vi.unstubAllGlobals());

describe('apiRequest', () => {
  it('names the interface language, the one mails to a guest or a new account are written in', async () => {
    const before = i18next.language;
    i18next.language = 'en';
    try {
      const fetchMock = stubFetch(answer(200, {}));
      await apiRequest('/api/v1/me');
      expect(fetchMock).toHaveBeenCalledWith(
        '/api/v1/me',
        expect.objectContaining({ headers: expect.objectContaining({ 'accept-language': 'en' }) }),
      );
    } finally {
      i18next.language = before;
    }
  });

  it('sends JSON with the session cookie and returns the answer', async () => {
    const fetchMock = stubFetch(answer(201, { id: 'c1' }));
    await expect(
      apiRequest('/api/v1/communities', { method: 'POST', body: { name: 'Riposte' } }),
    ).resolves.toEqual({
      id: 'c1',
    });
    expect(fetchMock).toHaveBeenCalledWith('/api/v1/communities', {
      method: 'POST',
      credentials: 'same-origin',
      headers: {
        accept: 'application/json',
        'content-type': 'application/json',
        'idempotency-key': expect.stringMatching(
          /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
        ),
      },
      body: '{"name":"Riposte"}',
      signal: undefined,
    });
  });

  it('sends no content-type without a body (DELETE, bodiless POST)', async () => {
    const fetchMock = stubFetch(new Response(null, { status: 204 }));
    await apiSend('/api/v1/auth/logout', { method: 'POST' });
    expect(fetchMock.mock.calls[0]).toMatchObject([
      '/api/v1/auth/logout',
      { headers: { accept: 'application/json', 'idempotency-key': expect.any(String) }, body: undefined },
    ]);
  });

  it("throws the server's error code, message and field details", async () => {
    const details = [{ path: ['slug'], message: 'taken' }, { nonsense: true }];
    stubFetch(answer(400, { error: { code: 'INVALID_INPUT', message: 'bad input', details } }));
    const error = await failure(apiRequest('/api/v1/communities'));
    expect(error).toMatchObject({ status: 400, code: 'INVALID_INPUT', message: 'bad input' });
    // Malformed entries are dropped rather than trusted.
    expect(error.fieldIssues).toEqual([{ path: ['slug'], message: 'taken' }]);
  });

  it('falls back on the HTTP status when the body is not our error shape', async () => {
    stubFetch(answer(429, '<html>Too many</html>', { statusText: 'Too Many Requests' }));
    const error = await failure(apiRequest('/api/v1/auth/login'));
    expect(error).toMatchObject({ status: 429, code: 'RATE_LIMITED' });
    expect(error.fieldIssues).toEqual([]);
  });

  it('treats an unknown code in the body as a status-derived one', async () => {
    stubFetch(answer(502, { error: { code: 'TEAPOT', message: 'x' } }));
    expect(await failure(apiRequest('/api/v1/me'))).toMatchObject({ status: 502, code: 'INTERNAL' });
  });

  it('reports a network failure as NETWORK, not as a server error', async () => {
    stubFetch(new TypeError('Failed to fetch'));
    expect(await failure(apiRequest('/api/v1/me'))).toMatchObject({ status: 0, code: 'NETWORK' });
  });

  it('lets an abort through untouched, so cancelled queries stay silent', async () => {
    stubFetch(new DOMException('aborted', 'AbortError'));
    await expect(apiRequest('/api/v1/me')).rejects.toSatisfy((e) => e instanceof DOMException);
  });
});

describe('Idempotency-Key', () => {
  const keyOf = (fetchMock: ReturnType<typeof stubFetch>, call: number) =>
    (fetchMock.mock.calls[call] as unknown as [string, { headers: Record<string, string> }])[1].headers[
      'idempotency-key'
    ];

  it('sends one key for a submission repeated before its answer (double click), a new one after', async () => {
    const answers: ((response: Response) => void)[] = [];
    const fetchMock = vi.fn(
      (_path: string, _init: RequestInit) =>
        new Promise<Response>((resolve) => {
          answers.push(resolve);
        }),
    );
    vi.stubGlobal('fetch', fetchMock);
    const body = { title: 'Codev' };
    const first = apiRequest('/api/v1/circles/c1/sessions', { method: 'POST', body });
    const second = apiRequest('/api/v1/circles/c1/sessions', { method: 'POST', body });
    const other = apiRequest('/api/v1/circles/c1/sessions', { method: 'POST', body: { title: 'REX' } });
    expect(keyOf(fetchMock as never, 1)).toBe(keyOf(fetchMock as never, 0));
    expect(keyOf(fetchMock as never, 2)).not.toBe(keyOf(fetchMock as never, 0));
    for (const resolve of answers) resolve(answer(201, { id: 's1' }));
    await Promise.all([first, second, other]);
    fetchMock.mockImplementation(async () => answer(201, { id: 's2' }));
    await apiRequest('/api/v1/circles/c1/sessions', { method: 'POST', body });
    expect(keyOf(fetchMock as never, 3)).not.toBe(keyOf(fetchMock as never, 0));
  });

  it('keeps the key for a retry after a network failure (it may have been created)', async () => {
    const fetchMock = stubFetch(new TypeError('Failed to fetch'));
    const send = () => apiRequest('/api/v1/circles/c1/boards', { method: 'POST', body: { title: 'Météo' } });
    await failure(send());
    fetchMock.mockImplementation(async () => answer(201, { id: 'b1' }));
    await send();
    expect(keyOf(fetchMock, 1)).toBe(keyOf(fetchMock, 0));
  });

  it('sends none on reads and edits', async () => {
    const fetchMock = stubFetch(answer(200, {}));
    await apiRequest('/api/v1/me', { method: 'PATCH', body: { name: 'x' } });
    expect(keyOf(fetchMock, 0)).toBeUndefined();
  });
});
