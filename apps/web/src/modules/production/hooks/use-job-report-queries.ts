import { useQuery } from '@tanstack/react-query';
import type { ReasonCodeKind } from '@greenmes/contracts';
import { jobReportsApi, reasonCodesApi, type JobReportFilters } from '../api/job-reports-api.ts';

export const jobReportKeys = {
  reports: ['production', 'job-reports'] as const,
  reasonCodes: ['production', 'reason-codes'] as const,
};

/** An order's reports, newest first; `refetchInterval` keeps a page on an open order current. */
export function useOrderJobReports(
  workOrderId: string,
  filters: JobReportFilters,
  o: { refetchInterval?: number | false } = {},
) {
  return useQuery({
    queryKey: [...jobReportKeys.reports, 'order', workOrderId, filters],
    queryFn: ({ signal }) => jobReportsApi.ofOrder(workOrderId, filters, signal),
    refetchInterval: o.refetchInterval,
  });
}

export function useOperationJobReports(workOrderId: string, operationId: string | null) {
  return useQuery({
    queryKey: [...jobReportKeys.reports, 'operation', operationId],
    queryFn: ({ signal }) => jobReportsApi.ofOperation(workOrderId, operationId!, { pageSize: 8 }, signal),
    enabled: operationId !== null,
  });
}

/** The catalogue; `activeOnly` for what the terminal offers. */
export function useReasonCodes(o: { kind?: ReasonCodeKind; activeOnly?: boolean } = {}) {
  return useQuery({
    queryKey: [...jobReportKeys.reasonCodes, o],
    queryFn: ({ signal }) =>
      reasonCodesApi.list({ kind: o.kind, active: o.activeOnly ? 'true' : undefined }, signal),
    staleTime: 60_000,
  });
}
