import type {
  TMoveScheduledOperation,
  TMoveScheduledResult,
  TSchedule,
  TScheduleQuery,
  TScheduleRun,
  TScheduleRunResult,
} from '@greenmes/contracts';
import { api, apiRequest } from '../../../api/client.ts';

export const scheduleApi = {
  get: (query: TScheduleQuery, signal?: AbortSignal) =>
    api.get<TSchedule>('/production/schedule', { ...query }, signal),
  run: (body: TScheduleRun) => api.post<TScheduleRunResult>('/production/schedule', body),
  move: (operationId: string, body: TMoveScheduledOperation) =>
    apiRequest<TMoveScheduledResult>(`/production/schedule/operations/${operationId}`, {
      method: 'PATCH',
      body,
    }),
};
