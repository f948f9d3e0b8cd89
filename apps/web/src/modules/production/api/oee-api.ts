import type { TOeeQuery, TOeeReport } from '@greenmes/contracts';
import { api, downloadFile } from '../../../api/client.ts';

export const oeeApi = {
  report: (query: TOeeQuery, signal?: AbortSignal) => api.get<TOeeReport>('/production/oee', query, signal),
  export: (query: TOeeQuery) => downloadFile('/production/oee/export', query, 'oee.xlsx'),
};

export const oeeKeys = { report: ['production', 'oee'] as const };
