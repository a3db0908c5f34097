import { z } from 'zod';

/** One input the server (or a form's own check) found at fault. */
export interface FieldError {
  readonly field: string;
  readonly message: string;
}

/** An RFC 9457 problem detail as LaaS sends it (`application/problem+json`). */
export interface Problem {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail?: string;
  readonly code?: string;
  readonly errors: readonly FieldError[];
}

const problemSchema = z.object({
  type: z.string().optional(),
  title: z.string().optional(),
  status: z.number().int().optional(),
  detail: z.string().nullish(),
  code: z.string().nullish(),
  errors: z
    .array(z.object({ field: z.string().nullish(), message: z.string().nullish() }).passthrough())
    .nullish(),
  // Some servers put a single offending field at the top level.
  field: z.string().nullish(),
});

const STATUS_TITLES: Readonly<Record<number, string>> = {
  400: 'The request is not valid',
  401: 'Not signed in',
  403: 'Not allowed',
  404: 'Not found',
  409: 'Conflict',
  422: 'The request cannot be processed',
  429: 'Too many requests',
  500: 'The server failed',
  502: 'The server is unavailable',
  503: 'The server is unavailable',
};

/**
 * "postings.0.amount", "postings[0].amount" and "/postings/0/amount" all name the same input: the canonical form
 * is "postings[0].amount", which is what forms use as field keys.
 */
export function normalizeFieldPath(path: string): string {
  return path
    .replace(/^\/+/, '')
    .replace(/\//g, '.')
    .replace(/\.(\d+)(?=\.|$)/g, '[$1]')
    .replace(/^(\d+)(?=\.|$)/, '[$1]');
}

/** Turns any error body into a Problem; falls back to the HTTP status when the body is not a problem. */
export function parseProblem(body: unknown, status: number, statusText = ''): Problem {
  const parsed = problemSchema.safeParse(body);
  const fallbackTitle = STATUS_TITLES[status] ?? (statusText || `HTTP ${status}`);
  if (!parsed.success) {
    return { type: 'about:blank', title: fallbackTitle, status, errors: [] };
  }
  const p = parsed.data;
  const errors: FieldError[] = (p.errors ?? []).flatMap((e) =>
    e.message ? [{ field: normalizeFieldPath(e.field ?? ''), message: e.message }] : [],
  );
  if (p.field && p.detail && !errors.some((e) => e.field === normalizeFieldPath(p.field ?? ''))) {
    errors.push({ field: normalizeFieldPath(p.field), message: p.detail });
  }
  return {
    type: p.type ?? 'about:blank',
    title: p.title ?? fallbackTitle,
    status: p.status ?? status,
    ...(p.detail ? { detail: p.detail } : {}),
    ...(p.code ? { code: p.code } : {}),
    errors,
  };
}

/** Every failed call to /api becomes an ApiError; `status` 0 means the request never got an answer. */
export class ApiError extends Error {
  readonly problem: Problem;

  constructor(problem: Problem) {
    super(problem.detail ? `${problem.title}: ${problem.detail}` : problem.title);
    this.name = 'ApiError';
    this.problem = problem;
  }

  get status(): number {
    return this.problem.status;
  }

  /** The message for one input, if the server named it. */
  fieldError(field: string): string | undefined {
    return this.problem.errors.find((e) => e.field === field)?.message;
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}
