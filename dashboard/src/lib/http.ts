import type { ZodType, ZodTypeDef } from 'zod';
import { ApiError, parseProblem } from './problem';
import { forgetSession } from './session';

export type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

export type QueryValue = string | number | boolean | null | undefined;

export interface RequestOptions<T> {
  readonly method?: Method;
  readonly query?: Readonly<Record<string, QueryValue>>;
  readonly body?: unknown;
  /** Validates the JSON answer; without it the answer is not read. */
  readonly schema?: ZodType<T, ZodTypeDef, unknown>;
  readonly signal?: AbortSignal;
  /** false for calls where 401 is an answer, not an expired session (login). */
  readonly redirectOnUnauthorized?: boolean;
}

export interface HttpDeps {
  readonly fetch: typeof fetch;
  readonly readCookie: (name: string) => string | undefined;
  /** Called once a call answers 401, before the error is thrown. */
  readonly onUnauthorized: () => void;
}

/** Longest an /api call may take before it is abandoned. */
export const REQUEST_TIMEOUT_MS = 30_000;

export const XSRF_COOKIE = 'XSRF-TOKEN';
export const XSRF_HEADER = 'X-XSRF-TOKEN';

export function readDocumentCookie(name: string): string | undefined {
  if (typeof document === 'undefined') {
    return undefined;
  }
  for (const pair of document.cookie.split(';')) {
    const eq = pair.indexOf('=');
    if (eq > 0 && pair.slice(0, eq).trim() === name) {
      try {
        return decodeURIComponent(pair.slice(eq + 1).trim());
      } catch {
        return pair.slice(eq + 1).trim();
      }
    }
  }
  return undefined;
}

export function buildUrl(path: string, query?: Readonly<Record<string, QueryValue>>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== '') {
      params.set(key, String(value));
    }
  }
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}

/** Encodes one path segment taken from user data (ids, account codes). */
export const seg = (value: string): string => encodeURIComponent(value);

async function readBody(response: Response): Promise<unknown> {
  const text = await response.text();
  if (!text) {
    return undefined;
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** A file the server answered with (a CSV export): its content and the name it suggests. */
export interface FileAnswer {
  readonly blob: Blob;
  /** From Content-Disposition; undefined when the server names none. */
  readonly filename: string | undefined;
  readonly contentType: string | undefined;
}

/**
 * The file name of a Content-Disposition header: `filename*=UTF-8''…` (RFC 6266/5987) wins over `filename="…"`.
 * Path separators are dropped, so a name never points outside the download folder.
 */
export function contentDispositionFilename(header: string | null | undefined): string | undefined {
  if (!header) {
    return undefined;
  }
  let name: string | undefined;
  const extended = /filename\*\s*=\s*([^']*)'[^']*'([^;]+)/i.exec(header);
  if (extended?.[2]) {
    try {
      name = decodeURIComponent(extended[2].trim());
    } catch {
      name = undefined;
    }
  }
  if (name === undefined) {
    const plain = /(?:^|;)\s*filename\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;]+))/i.exec(header);
    name = plain?.[1]?.replace(/\\(.)/g, '$1') ?? plain?.[2]?.trim();
  }
  const safe = name?.split(/[\\/]/).pop()?.trim();
  return safe ? safe : undefined;
}

export function createHttp(deps: HttpDeps) {
  /** Sends the call; answers the response when it is 2xx, throws an ApiError otherwise. */
  async function send(path: string, options: RequestOptions<unknown>, accept: string): Promise<Response> {
    const method = options.method ?? 'GET';
    const headers: Record<string, string> = { Accept: accept };
    if (options.body !== undefined) {
      headers['Content-Type'] = 'application/json';
    }
    if (method !== 'GET') {
      const token = deps.readCookie(XSRF_COOKIE);
      if (token) {
        headers[XSRF_HEADER] = token;
      }
    }
    const timeout = AbortSignal.timeout(REQUEST_TIMEOUT_MS);
    const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;

    let response: Response;
    try {
      response = await deps.fetch(buildUrl(path, options.query), {
        method,
        headers,
        credentials: 'include',
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
        signal,
      });
    } catch (error) {
      if (options.signal?.aborted) {
        throw error;
      }
      const timedOut = timeout.aborted;
      throw new ApiError({
        type: 'about:blank',
        title: timedOut ? 'The server did not answer in time' : 'Cannot reach the server',
        status: 0,
        detail: timedOut
          ? `No answer within ${REQUEST_TIMEOUT_MS / 1000} seconds.`
          : 'Check your connection.',
        errors: [],
      });
    }

    if (!response.ok) {
      const problem = parseProblem(await readBody(response), response.status, response.statusText);
      if (response.status === 401 && options.redirectOnUnauthorized !== false) {
        deps.onUnauthorized();
      }
      throw new ApiError(problem);
    }
    return response;
  }

  async function request<T>(path: string, options: RequestOptions<T> = {}): Promise<T> {
    const response = await send(path, options, 'application/json, application/problem+json');
    if (!options.schema) {
      return undefined as T;
    }
    const body = await readBody(response);
    const parsed = options.schema.safeParse(body);
    if (!parsed.success) {
      const first = parsed.error.issues[0];
      throw new ApiError({
        type: 'about:blank',
        title: 'Unexpected answer from the server',
        status: response.status,
        code: 'UNEXPECTED_RESPONSE',
        detail: first ? `${first.path.join('.') || '(body)'}: ${first.message}` : undefined,
        errors: [],
      });
    }
    return parsed.data;
  }

  /** GETs a file (`accept` is its media type); errors are problems like any other call's. */
  async function file(
    path: string,
    options: Pick<RequestOptions<unknown>, 'query' | 'signal'> & { accept: string },
  ): Promise<FileAnswer> {
    const response = await send(
      path,
      { query: options.query, signal: options.signal },
      `${options.accept}, application/problem+json`,
    );
    const contentType = response.headers.get('Content-Type') ?? undefined;
    if (contentType && !contentType.toLowerCase().startsWith(options.accept.toLowerCase())) {
      throw new ApiError({
        type: 'about:blank',
        title: 'Unexpected answer from the server',
        status: response.status,
        code: 'UNEXPECTED_RESPONSE',
        detail: `expected ${options.accept}, got ${contentType}`,
        errors: [],
      });
    }
    return {
      blob: await response.blob(),
      filename: contentDispositionFilename(response.headers.get('Content-Disposition')),
      contentType,
    };
  }

  return {
    request,
    file,
    get: <T>(path: string, options: Omit<RequestOptions<T>, 'method' | 'body'> = {}) =>
      request<T>(path, { ...options, method: 'GET' }),
    post: <T = void>(
      path: string,
      body?: unknown,
      options: Omit<RequestOptions<T>, 'method' | 'body'> = {},
    ) => request<T>(path, { ...options, method: 'POST', body }),
    patch: <T = void>(
      path: string,
      body?: unknown,
      options: Omit<RequestOptions<T>, 'method' | 'body'> = {},
    ) => request<T>(path, { ...options, method: 'PATCH', body }),
    delete: <T = void>(path: string, options: Omit<RequestOptions<T>, 'method' | 'body'> = {}) =>
      request<T>(path, { ...options, method: 'DELETE' }),
  };
}

export type Http = ReturnType<typeof createHttp>;

export const SESSION_EXPIRED_REASON = 'session-expired';

/** Sends the browser to /login with a "session expired" message, keeping where the person was. */
export function redirectToLogin(): void {
  if (typeof window === 'undefined') {
    return;
  }
  forgetSession();
  const { pathname, search } = window.location;
  if (pathname === '/login' || pathname === '/signup') {
    return;
  }
  const next = encodeURIComponent(pathname + search);
  window.location.assign(`/login?reason=${SESSION_EXPIRED_REASON}&next=${next}`);
}

export const http = createHttp({
  fetch: (...args) => globalThis.fetch(...args),
  readCookie: readDocumentCookie,
  onUnauthorized: redirectToLogin,
});
