import type { ReactNode } from 'react';
import { isApiError } from '@/lib/problem';
import { Button } from './button';

export function Loading({ label = 'Loading…' }: { label?: string }) {
  return (
    <div role="status" data-testid="loading" className="flex items-center gap-2 p-6 text-sm text-slate-500">
      <span
        aria-hidden
        className="h-4 w-4 animate-spin rounded-full border-2 border-slate-300 border-t-indigo-600"
      />
      {label}
    </div>
  );
}

export function EmptyState({
  title,
  children,
  testId = 'empty-state',
}: {
  title: string;
  children?: ReactNode;
  testId?: string;
}) {
  return (
    <div data-testid={testId} className="rounded-lg border border-dashed border-slate-300 p-8 text-center">
      <p className="text-sm font-semibold text-slate-700">{title}</p>
      {children ? <div className="mt-2 text-sm text-slate-500">{children}</div> : null}
    </div>
  );
}

export function errorMessage(error: unknown): { title: string; detail?: string | undefined } {
  if (isApiError(error)) {
    return { title: error.problem.title, detail: error.problem.detail };
  }
  return { title: 'Something went wrong', detail: error instanceof Error ? error.message : undefined };
}

export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { title, detail } = errorMessage(error);
  return (
    <div
      role="alert"
      data-testid="error-state"
      className="rounded-lg bg-red-50 p-4 text-sm text-red-800 ring-1 ring-inset ring-red-200"
    >
      <p className="font-semibold">{title}</p>
      {detail ? <p className="mt-1">{detail}</p> : null}
      {onRetry ? (
        <Button variant="secondary" size="sm" className="mt-3" onClick={onRetry}>
          Try again
        </Button>
      ) : null}
    </div>
  );
}

/** Renders loading, error or the content of one query. */
export function QueryState<T>({
  query,
  children,
}: {
  query: {
    isPending: boolean;
    isError: boolean;
    error: unknown;
    data: T | undefined;
    refetch: () => unknown;
  };
  children: (data: T) => ReactNode;
}) {
  if (query.isPending) return <Loading />;
  if (query.isError || query.data === undefined)
    return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  return <>{children(query.data)}</>;
}

/** One line for a failed action: "Title: detail". */
export function errorText(error: unknown): string {
  const { title, detail } = errorMessage(error);
  return detail ? `${title}: ${detail}` : title;
}
