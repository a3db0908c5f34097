import type { ZodError } from 'zod';
import { isApiError, normalizeFieldPath } from './problem';

/** Messages keyed by field path ("email", "postings[1].amount"). */
export type FieldErrors = Readonly<Record<string, string>>;

export function zodFieldErrors(error: ZodError): FieldErrors {
  const errors: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = normalizeFieldPath(issue.path.join('.'));
    errors[key] ??= issue.message;
  }
  return errors;
}

export interface SubmitErrors {
  readonly fields: FieldErrors;
  /** Shown at the top of the form: the problem's title and detail, and errors for fields the form lacks. */
  readonly summary: string | null;
}

export const NO_ERRORS: SubmitErrors = { fields: {}, summary: null };

/**
 * Splits a failed submission into messages next to the inputs the form has and a summary for the rest, so that
 * every message the server sent is shown somewhere.
 */
export function submitErrors(error: unknown, formFields: readonly string[]): SubmitErrors {
  if (!isApiError(error)) {
    return { fields: {}, summary: error instanceof Error ? error.message : 'Something went wrong' };
  }
  const fields: Record<string, string> = {};
  const unplaced: string[] = [];
  for (const fieldError of error.problem.errors) {
    const known = formFields.some(
      (f) => f === fieldError.field || (f.endsWith('[]') && fieldError.field.startsWith(f.slice(0, -2))),
    );
    if (known && fieldError.field) {
      fields[fieldError.field] ??= fieldError.message;
    } else {
      unplaced.push(fieldError.field ? `${fieldError.field}: ${fieldError.message}` : fieldError.message);
    }
  }
  const { title, detail } = error.problem;
  const headline = detail ? `${title}. ${detail}` : title;
  return { fields, summary: [headline, ...unplaced].join(' — ') };
}
