import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { submitErrors, zodFieldErrors } from './form-errors';
import { ApiError, parseProblem } from './problem';

describe('zodFieldErrors', () => {
  it('keys the first message per field by its canonical path', () => {
    const schema = z.object({
      email: z.string().email('bad email'),
      postings: z.array(z.object({ amount: z.string().min(1, 'amount needed') })),
    });
    const result = schema.safeParse({ email: 'x', postings: [{ amount: '1' }, { amount: '' }] });
    expect(result.success).toBe(false);
    if (!result.success) {
      expect(zodFieldErrors(result.error)).toEqual({
        email: 'bad email',
        'postings[1].amount': 'amount needed',
      });
    }
  });
});

describe('submitErrors', () => {
  const problem = (body: unknown, status = 400) => new ApiError(parseProblem(body, status));

  it('places field errors next to inputs the form has and lists the others in the summary', () => {
    const result = submitErrors(
      problem({
        title: 'The request is not valid',
        errors: [
          { field: 'email', message: 'taken' },
          { field: 'plan', message: 'unknown plan' },
        ],
      }),
      ['email', 'password'],
    );
    expect(result.fields).toEqual({ email: 'taken' });
    expect(result.summary).toBe('The request is not valid — plan: unknown plan');
  });

  it('shows title and detail when no field is named', () => {
    const result = submitErrors(
      problem({ title: 'Account already exists', detail: 'Pick another code.' }, 409),
      ['code'],
    );
    expect(result.fields).toEqual({});
    expect(result.summary).toBe('Account already exists. Pick another code.');
  });

  it('matches indexed fields by a prefix[] entry', () => {
    const result = submitErrors(
      problem({ title: 'Bad', errors: [{ field: 'flags[1]', message: 'unknown flag' }] }),
      ['flags[]'],
    );
    expect(result.fields).toEqual({ 'flags[1]': 'unknown flag' });
  });

  it('reports errors that are not ApiErrors', () => {
    expect(submitErrors(new Error('boom'), [])).toEqual({ fields: {}, summary: 'boom' });
  });
});
