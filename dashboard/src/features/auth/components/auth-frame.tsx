import type { ReactNode } from 'react';

export function AuthFrame({
  title,
  children,
  footer,
}: {
  title: string;
  children: ReactNode;
  footer: ReactNode;
}) {
  return (
    <main className="flex min-h-screen flex-col items-center justify-center px-4 py-12">
      <div className="mb-6 flex items-center gap-2">
        <span
          aria-hidden
          className="flex h-8 w-8 items-center justify-center rounded-md bg-indigo-600 font-bold text-white"
        >
          L
        </span>
        <span className="text-lg font-semibold">LaaS</span>
      </div>
      <div className="w-full max-w-sm rounded-lg bg-white p-6 shadow-sm ring-1 ring-slate-200">
        <h1 className="mb-5 text-lg font-semibold">{title}</h1>
        {children}
      </div>
      <p className="mt-4 text-sm text-slate-600">{footer}</p>
    </main>
  );
}
