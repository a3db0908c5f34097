import { useMutation } from '@tanstack/react-query';
import { saveFile } from '@/lib/download';
import { http, seg, type FileAnswer } from '@/lib/http';
import type { AsOfParams } from './get-trial-balance';
import type { PeriodParams } from './get-income-statement';

export const REPORT_KINDS = ['trial-balance', 'balance-sheet', 'income-statement'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];

export type ReportParams = AsOfParams & PeriodParams;

/** The report as CSV (RFC 4180, one row per line of the JSON answer), with the file name the server suggests. */
export function downloadReport(
  ledgerId: string,
  report: ReportKind,
  params: ReportParams,
  signal?: AbortSignal,
): Promise<FileAnswer> {
  const query =
    report === 'income-statement' ? { from: params.from, to: params.to } : { as_of: params.as_of };
  return http.file(`/api/ledgers/${seg(ledgerId)}/reports/${report}`, {
    query: { ...query, format: 'csv' },
    accept: 'text/csv',
    signal,
  });
}

export interface DownloadReportInput {
  report: ReportKind;
  params: ReportParams;
  /** The name to save under; the server's suggestion (or `<report>.csv`) when absent. */
  filename?: string | undefined;
}

/** Fetches the CSV with the session (so that errors show as problems on the page) and saves it as a file. */
export function useDownloadReport(ledgerId: string) {
  return useMutation({
    mutationFn: async ({ report, params, filename }: DownloadReportInput) => {
      const answer = await downloadReport(ledgerId, report, params);
      const name = filename ?? answer.filename ?? `${report}.csv`;
      saveFile(answer.blob, name);
      return name;
    },
  });
}
