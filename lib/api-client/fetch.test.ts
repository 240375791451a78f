import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, apiFetch, buildQuery, toApiError } from './fetch';

describe('buildQuery', () => {
  it.each<[Record<string, Parameters<typeof buildQuery>[0][string]>, string]>([
    [{}, ''],
    [{ siteId: 3 }, '?siteId=3'],
    [{ q: '', siteId: null, cursor: undefined }, ''],
    [{ status: ['online', 'degraded'] }, '?status=online%2Cdegraded'],
    [{ status: [] }, ''],
    [{ q: 'S21 XP&x=1' }, '?q=S21+XP%26x%3D1'],
    [{ from: 1714521600000, to: 1714608000000 }, '?from=1714521600000&to=1714608000000'],
    [{ flag: false }, '?flag=false'],
  ])('%j → %s', (params, expected) => {
    expect(buildQuery(params)).toBe(expected);
  });
});

describe('toApiError', () => {
  it('reads the error envelope', () => {
    const error = toApiError(409, 'Conflict', {
      error: { code: 'conflict', message: 'Serial X is already registered', details: { path: 'serial' } },
    });
    expect(error).toMatchObject({
      status: 409,
      code: 'conflict',
      message: 'Serial X is already registered',
      details: { path: 'serial' },
    });
  });

  it.each([
    [502, 'Bad Gateway', '<html>proxy error</html>', 'http_502', '502 Bad Gateway'],
    [500, '', null, 'http_500', 'HTTP 500'],
    [400, 'Bad Request', { error: 'not an envelope' }, 'http_400', '400 Bad Request'],
    [400, 'Bad Request', { error: { code: 7, message: 'x' } }, 'http_400', '400 Bad Request'],
  ])('falls back to the status for %s %j', (status, text, body, code, message) => {
    expect(toApiError(status, text, body)).toMatchObject({ status, code, message });
  });
});

describe('apiFetch', () => {
  afterEach(() => vi.unstubAllGlobals());

  const stub = (response: Response) => {
    const fetchMock = vi.fn(async (_input: string, _init?: RequestInit) => response);
    vi.stubGlobal('fetch', fetchMock);
    return fetchMock;
  };

  it('GETs JSON with the query string', async () => {
    const fetchMock = stub(Response.json({ data: [1, 2] }));
    await expect(apiFetch('/api/v1/sites', { query: { limit: 5 } })).resolves.toEqual({ data: [1, 2] });
    expect(fetchMock.mock.calls[0]?.[0]).toBe('/api/v1/sites?limit=5');
    expect(fetchMock.mock.calls[0]?.[1]).toMatchObject({ method: 'GET', credentials: 'same-origin' });
  });

  it('sends a JSON body on mutations', async () => {
    const fetchMock = stub(Response.json({ token: 'syd_x', id: 1 }, { status: 201 }));
    await apiFetch('/api/v1/tokens', { method: 'POST', body: { name: 'agent', role: 'operator' } });
    const init = fetchMock.mock.calls[0]?.[1];
    expect(init?.body).toBe('{"name":"agent","role":"operator"}');
    expect(init?.headers).toEqual({ 'content-type': 'application/json' });
  });

  it('sends a raw body with its own content type and the query string', async () => {
    const fetchMock = stub(Response.json({ imported: 2 }, { status: 201 }));
    await apiFetch('/api/v1/sites/3/prices/import', {
      method: 'PUT',
      raw: { contentType: 'text/csv', text: 'ts,price\n1,2\n' },
      query: { timeZone: 'Europe/Stockholm', currency: undefined },
    });
    const [url, init] = fetchMock.mock.calls[0] ?? [];
    expect(url).toBe('/api/v1/sites/3/prices/import?timeZone=Europe%2FStockholm');
    expect(init).toMatchObject({
      method: 'PUT',
      body: 'ts,price\n1,2\n',
      headers: { 'content-type': 'text/csv' },
    });
  });

  it('resolves 204 to null', async () => {
    stub(new Response(null, { status: 204 }));
    await expect(apiFetch('/api/v1/tokens/1', { method: 'DELETE' })).resolves.toBeNull();
  });

  it('throws ApiError with the envelope on 4xx', async () => {
    stub(
      Response.json(
        { error: { code: 'invalid_credentials', message: 'Email or password is incorrect' } },
        { status: 401 },
      ),
    );
    const error = await apiFetch('/api/auth/login', { method: 'POST', body: {} }).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      status: 401,
      code: 'invalid_credentials',
      message: 'Email or password is incorrect',
    });
  });

  it('throws on a non-JSON error page', async () => {
    stub(new Response('<html>oops</html>', { status: 503, statusText: 'Service Unavailable' }));
    await expect(apiFetch('/api/v1/sites')).rejects.toMatchObject({ status: 503, code: 'http_503' });
  });
});
