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

export function createHttp(deps: HttpDeps) {
  async function request<T>(path: string, options: RequestOptions<T> = {}): Promise<T> {
    const method = options.method ?? 'GET';
    const headers: Record<string, string> = { Accept: 'application/json, application/problem+json' };
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

  return {
    request,
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
