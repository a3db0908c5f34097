import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import {
  buildUrl,
  contentDispositionFilename,
  createHttp,
  readDocumentCookie,
  REQUEST_TIMEOUT_MS,
} from './http';
import { ApiError } from './problem';

function jsonResponse(status: number, body: unknown, contentType = 'application/json'): Response {
  return new Response(body === undefined ? null : JSON.stringify(body), {
    status,
    headers: { 'Content-Type': contentType },
  });
}

function setup(response: Response | (() => Promise<Response>), cookie?: string) {
  const fetch = vi.fn<typeof globalThis.fetch>(() =>
    typeof response === 'function' ? response() : Promise.resolve(response),
  );
  const onUnauthorized = vi.fn();
  const http = createHttp({
    fetch,
    readCookie: (name) => (name === 'XSRF-TOKEN' ? cookie : undefined),
    onUnauthorized,
  });
  const sent = () => {
    const [url, init] = fetch.mock.calls[0] ?? [];
    return {
      url,
      init: init as RequestInit,
      headers: (init as RequestInit).headers as Record<string, string>,
    };
  };
  return { http, fetch, onUnauthorized, sent };
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('http', () => {
  it('sends credentials and no XSRF header on GET, and validates the answer', async () => {
    const { http, sent } = setup(jsonResponse(200, { data: [{ id: 'p1' }], extra: true }), 'tok');
    const answer = await http.get('/api/projects', {
      query: { org_id: 'o 1', cursor: undefined },
      schema: z.object({ data: z.array(z.object({ id: z.string() })) }),
    });
    expect(answer).toEqual({ data: [{ id: 'p1' }] });
    expect(sent().url).toBe('/api/projects?org_id=o+1');
    expect(sent().init.credentials).toBe('include');
    expect(sent().init.method).toBe('GET');
    expect(sent().headers['X-XSRF-TOKEN']).toBeUndefined();
  });

  it('sends the XSRF-TOKEN cookie as X-XSRF-TOKEN and a JSON body on POST', async () => {
    const { http, sent } = setup(new Response(null, { status: 204 }), 'abc-123');
    await http.post('/api/auth/login', { email: 'a@b.c', password: 'x' });
    expect(sent().init.method).toBe('POST');
    expect(sent().headers['X-XSRF-TOKEN']).toBe('abc-123');
    expect(sent().headers['Content-Type']).toBe('application/json');
    expect(sent().init.body).toBe('{"email":"a@b.c","password":"x"}');
  });

  it('sends the XSRF header on PATCH and DELETE too', async () => {
    for (const call of [
      (h: ReturnType<typeof setup>['http']) => h.patch('/x', { a: 1 }),
      (h: ReturnType<typeof setup>['http']) => h.delete('/x'),
    ]) {
      const { http, sent } = setup(new Response(null, { status: 204 }), 't');
      await call(http);
      expect(sent().headers['X-XSRF-TOKEN']).toBe('t');
    }
  });

  it('turns a problem+json answer into an ApiError with field errors', async () => {
    const { http } = setup(
      jsonResponse(
        422,
        {
          type: 'https://laas.dev/problems/insufficient-funds',
          title: 'Insufficient funds',
          status: 422,
          code: 'INSUFFICIENT_FUNDS',
          detail: 'wallet:alice has 5.00',
          errors: [{ field: 'postings[0].amount', message: 'exceeds 5.00' }],
        },
        'application/problem+json',
      ),
    );
    const error = await http.post('/api/ledgers/l/transactions', {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    const apiError = error as ApiError;
    expect(apiError.status).toBe(422);
    expect(apiError.problem.code).toBe('INSUFFICIENT_FUNDS');
    expect(apiError.fieldError('postings[0].amount')).toBe('exceeds 5.00');
  });

  it('calls onUnauthorized on 401, except when told 401 is an answer', async () => {
    const expired = setup(jsonResponse(401, { title: 'Unauthorized', status: 401 }));
    await expect(expired.http.get('/api/me')).rejects.toBeInstanceOf(ApiError);
    expect(expired.onUnauthorized).toHaveBeenCalledTimes(1);

    const badLogin = setup(jsonResponse(401, { title: 'Wrong email or password', status: 401 }));
    await expect(
      badLogin.http.post('/api/auth/login', {}, { redirectOnUnauthorized: false }),
    ).rejects.toMatchObject({ status: 401 });
    expect(badLogin.onUnauthorized).not.toHaveBeenCalled();
  });

  it('does not call onUnauthorized for 403', async () => {
    const { http, onUnauthorized } = setup(jsonResponse(403, { title: 'Forbidden', status: 403 }));
    await expect(http.get('/api/orgs/o/members')).rejects.toMatchObject({ status: 403 });
    expect(onUnauthorized).not.toHaveBeenCalled();
  });

  it('reports an answer that breaks the contract', async () => {
    const { http } = setup(jsonResponse(200, { data: [{ amount: 12.5 }] }));
    const error = (await http
      .get('/x', { schema: z.object({ data: z.array(z.object({ amount: z.string() })) }) })
      .catch((e: unknown) => e)) as ApiError;
    expect(error.problem.code).toBe('UNEXPECTED_RESPONSE');
    expect(error.problem.detail).toMatch(/^data\.0\.amount/);
  });

  it('reports a network failure as status 0', async () => {
    const { http } = setup(() => Promise.reject(new TypeError('Failed to fetch')));
    await expect(http.get('/x')).rejects.toMatchObject({
      status: 0,
      problem: { title: 'Cannot reach the server' },
    });
  });

  it('puts a time limit on every call', () => {
    expect(REQUEST_TIMEOUT_MS).toBeGreaterThan(0);
    expect(REQUEST_TIMEOUT_MS).toBeLessThanOrEqual(60_000);
  });
});

describe('http.file', () => {
  const csv = 'row,currency\r\ntotal,USD\r\n';

  it('asks for the media type, keeps the session, and answers the content with its file name', async () => {
    const { http, sent } = setup(
      new Response(csv, {
        status: 200,
        headers: {
          'Content-Type': 'text/csv;charset=UTF-8',
          'Content-Disposition': 'attachment; filename="trial-balance.csv"',
        },
      }),
    );
    const answer = await http.file('/api/ledgers/l/reports/trial-balance', {
      query: { as_of: '2026-01-31T23:59:59.999999+01:00', format: 'csv' },
      accept: 'text/csv',
    });
    expect(await answer.blob.text()).toBe(csv);
    expect(answer.filename).toBe('trial-balance.csv');
    expect(sent().url).toBe(
      '/api/ledgers/l/reports/trial-balance?as_of=2026-01-31T23%3A59%3A59.999999%2B01%3A00&format=csv',
    );
    expect(sent().headers.Accept).toBe('text/csv, application/problem+json');
    expect(sent().init.credentials).toBe('include');
  });

  it('throws the problem of a failed export, and refuses an answer of another type', async () => {
    const failed = setup(
      jsonResponse(
        400,
        { title: 'The request is not valid', status: 400, errors: [{ field: 'as_of', message: 'bad' }] },
        'application/problem+json',
      ),
    );
    const error = (await failed.http.file('/r', { accept: 'text/csv' }).catch((e: unknown) => e)) as ApiError;
    expect(error.fieldError('as_of')).toBe('bad');

    const html = setup(new Response('<html>', { status: 200, headers: { 'Content-Type': 'text/html' } }));
    await expect(html.http.file('/r', { accept: 'text/csv' })).rejects.toMatchObject({
      problem: { code: 'UNEXPECTED_RESPONSE', detail: 'expected text/csv, got text/html' },
    });
  });
});

describe('contentDispositionFilename', () => {
  it('reads quoted, bare and RFC 5987 names, preferring the last', () => {
    expect(contentDispositionFilename('attachment; filename="balance-sheet.csv"')).toBe('balance-sheet.csv');
    expect(contentDispositionFilename('attachment; filename=report.csv')).toBe('report.csv');
    expect(contentDispositionFilename('attachment; filename="a \\"b\\".csv"')).toBe('a "b".csv');
    expect(
      contentDispositionFilename(`attachment; filename="plain.csv"; filename*=UTF-8''bilan%20%E2%82%AC.csv`),
    ).toBe('bilan €.csv');
  });

  it('keeps only the last path segment, and has no name without one', () => {
    expect(contentDispositionFilename('attachment; filename="../../etc/passwd"')).toBe('passwd');
    expect(contentDispositionFilename('attachment; filename="C:\\\\temp\\\\x.csv"')).toBe('x.csv');
    expect(contentDispositionFilename('attachment')).toBeUndefined();
    expect(contentDispositionFilename(null)).toBeUndefined();
    expect(contentDispositionFilename('attachment; filename=""')).toBeUndefined();
  });
});

describe('buildUrl', () => {
  it('leaves out empty values and encodes the rest', () => {
    expect(buildUrl('/a', { q: 'x&y', cursor: '', limit: 50, type: null })).toBe('/a?q=x%26y&limit=50');
    expect(buildUrl('/a')).toBe('/a');
  });
});

describe('readDocumentCookie', () => {
  it('finds and decodes one cookie among several', () => {
    vi.stubGlobal('document', { cookie: 'SESSION=s1; XSRF-TOKEN=a%2Fb%3D; other=1' });
    expect(readDocumentCookie('XSRF-TOKEN')).toBe('a/b=');
    expect(readDocumentCookie('SESSION')).toBe('s1');
    expect(readDocumentCookie('missing')).toBeUndefined();
  });

  it('is undefined outside a browser', () => {
    expect(readDocumentCookie('XSRF-TOKEN')).toBeUndefined();
  });
});
