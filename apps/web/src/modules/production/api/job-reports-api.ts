import type {
  TCreateJobReport,
  TJobReport,
  TJobReportQuery,
  TJobReportResult,
  TPage,
  TReasonCode,
  TReasonCodeQuery,
  TSaveReasonCode,
  TWorkerIdentity,
  TWorkerSignIn,
} from '@greenmes/contracts';
import { api, apiRequest } from '../../../api/client.ts';

export type JobReportFilters = Partial<Omit<TJobReportQuery, 'workOrderId' | 'operationId'>>;

export const jobReportsApi = {
  create: (workOrderId: string, operationId: string, body: TCreateJobReport) =>
    api.post<TJobReportResult>(
      `/production/work-orders/${workOrderId}/operations/${operationId}/job-reports`,
      body,
    ),
  ofOrder: (workOrderId: string, query: JobReportFilters, signal?: AbortSignal) =>
    api.get<TPage<TJobReport>>(`/production/work-orders/${workOrderId}/job-reports`, query, signal),
  ofOperation: (workOrderId: string, operationId: string, query: JobReportFilters, signal?: AbortSignal) =>
    api.get<TPage<TJobReport>>(
      `/production/work-orders/${workOrderId}/operations/${operationId}/job-reports`,
      query,
      signal,
    ),
  /** the terminal's worker sign-in: 403 for an unknown badge or a wrong PIN, 423 while the PIN is locked */
  signIn: (body: TWorkerSignIn) => api.post<TWorkerIdentity>('/labour/workers/sign-in', body),
};

export const reasonCodesApi = {
  list: (query: TReasonCodeQuery, signal?: AbortSignal) =>
    api.get<TReasonCode[]>('/production/reason-codes', query, signal),
  create: (body: TSaveReasonCode) => api.post<TReasonCode>('/production/reason-codes', body),
  update: (id: string, body: TSaveReasonCode) =>
    apiRequest<TReasonCode>(`/production/reason-codes/${id}`, { method: 'PUT', body }),
  delete: (id: string) => api.delete(`/production/reason-codes/${id}`),
};
