import { describe, expect, it } from 'vitest';
import { ApiError, normalizeFieldPath, parseProblem } from './problem';

describe('parseProblem', () => {
  it('reads an RFC 9457 problem with field errors', () => {
    const problem = parseProblem(
      {
        type: 'https://laas.dev/problems/validation-failed',
        title: 'The request is not valid',
        status: 400,
        detail: 'Fix the fields below.',
        code: 'VALIDATION_FAILED',
        errors: [
          { field: 'email', message: 'must be a valid email' },
          { field: 'postings.1.amount', message: 'must be positive' },
        ],
      },
      400,
    );
    expect(problem).toEqual({
      type: 'https://laas.dev/problems/validation-failed',
      title: 'The request is not valid',
      status: 400,
      detail: 'Fix the fields below.',
      code: 'VALIDATION_FAILED',
      errors: [
        { field: 'email', message: 'must be a valid email' },
        { field: 'postings[1].amount', message: 'must be positive' },
      ],
    });
  });

  it('turns a top-level field and detail into a field error', () => {
    const problem = parseProblem(
      {
        title: 'Debits do not equal credits',
        status: 422,
        code: 'DEBITS_NOT_EQUAL_CREDITS',
        field: 'postings',
        detail: 'USD is off by 1.00',
      },
      422,
    );
    expect(problem.errors).toEqual([{ field: 'postings', message: 'USD is off by 1.00' }]);
    expect(problem.code).toBe('DEBITS_NOT_EQUAL_CREDITS');
  });

  it('falls back to the HTTP status for a body that is not a problem', () => {
    expect(parseProblem(undefined, 502, 'Bad Gateway')).toEqual({
      type: 'about:blank',
      title: 'The server is unavailable',
      status: 502,
      errors: [],
    });
    expect(parseProblem('<html>', 418, "I'm a teapot").title).toBe("I'm a teapot");
    expect(parseProblem({ title: 42 }, 500).title).toBe('The server failed');
  });

  it('drops field errors without a message and tolerates nulls', () => {
    const problem = parseProblem(
      {
        title: 'Bad',
        detail: null,
        code: null,
        errors: [
          { field: 'x', message: null },
          { field: null, message: 'general' },
        ],
      },
      400,
    );
    expect(problem.errors).toEqual([{ field: '', message: 'general' }]);
    expect(problem.detail).toBeUndefined();
    expect(problem.code).toBeUndefined();
  });
});

describe('normalizeFieldPath', () => {
  it.each([
    ['email', 'email'],
    ['postings.0.amount', 'postings[0].amount'],
    ['postings[0].amount', 'postings[0].amount'],
    ['/postings/12/currency', 'postings[12].currency'],
    ['event_types.2', 'event_types[2]'],
  ])('%s -> %s', (input, expected) => {
    expect(normalizeFieldPath(input)).toBe(expected);
  });
});

describe('ApiError', () => {
  it('exposes status, message and per-field messages', () => {
    const error = new ApiError(
      parseProblem(
        {
          title: 'Conflict',
          status: 409,
          detail: 'Code taken',
          errors: [{ field: 'code', message: 'already exists' }],
        },
        409,
      ),
    );
    expect(error.status).toBe(409);
    expect(error.message).toBe('Conflict: Code taken');
    expect(error.fieldError('code')).toBe('already exists');
    expect(error.fieldError('name')).toBeUndefined();
  });
});
