import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';

/** List filters kept in the URL (?status=pending&account=cash), so a filtered view can be shared and reloaded. */
export function useSearchFilters<K extends string>(keys: readonly K[]) {
  const [params, setParams] = useSearchParams();
  // Compared by their names, so a page may pass a new array literal on every render.
  const keyList = keys.join('\n');
  const filters = useMemo(() => {
    const values = {} as Record<K, string | undefined>;
    for (const key of keyList.split('\n') as K[]) {
      values[key] = params.get(key) || undefined;
    }
    return values;
  }, [params, keyList]);

  const setFilters = useCallback(
    (next: Partial<Record<K, string | undefined>>) => {
      setParams(
        (current) => {
          const updated = new URLSearchParams(current);
          for (const [key, value] of Object.entries(next) as [K, string | undefined][]) {
            if (value) updated.set(key, value);
            else updated.delete(key);
          }
          return updated;
        },
        { replace: true },
      );
    },
    [setParams],
  );

  return [filters, setFilters] as const;
}
