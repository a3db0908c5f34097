import type { ReactNode } from 'react';
import { Money } from '@/components/ui/misc';
import { Td } from '@/components/ui/table';
import { isZero } from '@/lib/money';
import type { ReportLine, ReportSection } from '@/types/api';
import { withParents } from './report-model';

/** An amount cell, right-aligned; a zero is shown muted so that the figures that matter stand out. */
export function AmountCell({
  amount,
  currency,
  testId,
  strong = false,
}: {
  amount: string;
  currency: string;
  testId?: string;
  strong?: boolean;
}) {
  const tone = strong ? 'font-semibold text-slate-900' : isZero(amount) ? 'text-slate-400' : '';
  return (
    <Td className="text-right">
      <span className={tone}>
        <Money amount={amount} currency={currency} testId={testId} />
      </span>
    </Td>
  );
}

/** An account's name indented by its level in the hierarchy, parents in medium weight, with its code. */
export function AccountCell({
  name,
  code,
  level,
  isParent,
}: {
  name: string;
  code: string;
  level: number;
  isParent: boolean;
}) {
  return (
    <Td>
      <span
        className={`inline-flex flex-col ${isParent ? 'font-medium text-slate-900' : ''}`}
        style={{ paddingLeft: `${level * 1.25}rem` }}
        data-level={level}
      >
        <span>{name}</span>
        <span className="font-mono text-xs font-normal text-slate-400">{code}</span>
      </span>
    </Td>
  );
}

/** A section of a balance sheet or income statement: a heading row, its accounts, and its total. */
export function SectionRows({
  title,
  section,
  currency,
  testId,
  empty,
}: {
  title: string;
  section: ReportSection;
  currency: string;
  testId: string;
  empty: string;
}) {
  return (
    <tbody className="divide-y divide-slate-100" data-testid={testId}>
      <tr>
        <th
          scope="rowgroup"
          colSpan={2}
          className="bg-slate-50/60 px-3 py-2 text-left text-xs font-semibold uppercase tracking-wide text-slate-500"
        >
          {title}
        </th>
      </tr>
      {section.accounts.length === 0 ? (
        <tr>
          <Td colSpan={2}>
            <span className="text-slate-400">{empty}</span>
          </Td>
        </tr>
      ) : (
        withParents<ReportLine>(section.accounts).map((line) => (
          <tr key={line.code} data-testid={`${testId}-row-${line.code}`}>
            <AccountCell name={line.name} code={line.code} level={line.level} isParent={line.isParent} />
            <AmountCell amount={line.balance} currency={currency} />
          </tr>
        ))
      )}
      <TotalRow label={`Total ${title.toLowerCase()}`}>
        <AmountCell amount={section.total} currency={currency} strong testId={`${testId}-total`} />
      </TotalRow>
    </tbody>
  );
}

export function TotalRow({
  label,
  children,
  testId,
}: {
  label: ReactNode;
  children: ReactNode;
  testId?: string;
}) {
  return (
    <tr data-testid={testId} className="border-t border-slate-200">
      <th scope="row" className="px-3 py-2 text-left text-sm font-semibold text-slate-900">
        {label}
      </th>
      {children}
    </tr>
  );
}

/** The figures that do not add up, when the page's own check of the server's answer finds any. */
export function ReportProblems({ problems, testId }: { problems: readonly string[]; testId: string }) {
  if (problems.length === 0) return null;
  return (
    <div
      role="alert"
      data-testid={testId}
      className="mb-3 rounded-md bg-red-50 p-3 text-sm text-red-800 ring-1 ring-inset ring-red-200"
    >
      <p className="font-semibold">These figures do not add up</p>
      <ul className="mt-1 list-disc pl-5">
        {problems.map((p) => (
          <li key={p}>{p}</li>
        ))}
      </ul>
    </div>
  );
}
