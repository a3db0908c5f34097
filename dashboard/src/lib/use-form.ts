import { useCallback, useState } from 'react';
import type { z } from 'zod';
import { NO_ERRORS, submitErrors, zodFieldErrors, type SubmitErrors } from './form-errors';

/**
 * State of a small form: its values, a zod check before submit, and the server's problem placed next to the inputs.
 * `fieldNames` lists the inputs the form shows (default: the keys of `initial`).
 */
export function useForm<S extends z.ZodTypeAny, V extends Record<string, unknown> = z.input<S>>(
  schema: S,
  initial: NoInfer<V>,
  fieldNames: readonly string[] = Object.keys(initial),
) {
  const [values, setValues] = useState<V>(initial);
  const [errors, setErrors] = useState<SubmitErrors>(NO_ERRORS);

  const set = useCallback(<K extends keyof V>(name: K, value: V[K]) => {
    setValues((current) => ({ ...current, [name]: value }));
  }, []);

  /** The parsed values, or null after showing what is wrong. */
  const validate = useCallback((): z.output<S> | null => {
    const parsed = schema.safeParse(values);
    if (!parsed.success) {
      setErrors({ fields: zodFieldErrors(parsed.error), summary: null });
      return null;
    }
    setErrors(NO_ERRORS);
    return parsed.data as z.output<S>;
  }, [schema, values]);

  // The first `initial` is what reset() goes back to; the shown inputs are compared by name, so a new array with
  // the same names (the default, or a literal) keeps `fail` the same function.
  const [initialValues] = useState(initial);
  const fieldList = fieldNames.join('\n');

  const fail = useCallback(
    (error: unknown) => setErrors(submitErrors(error, fieldList.split('\n'))),
    [fieldList],
  );

  const reset = useCallback(() => {
    setValues(initialValues);
    setErrors(NO_ERRORS);
  }, [initialValues]);

  return { values, set, setValues, errors, setErrors, validate, fail, reset };
}
