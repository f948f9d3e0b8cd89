import type {
  Aggregate,
  Resolution,
  TIngestError,
  TIngestErrorQuery,
  TPage,
  TSeries,
} from '@greenmes/contracts';
import { api, downloadFile } from '../../../api/client.ts';

export type IngestErrorFilters = Partial<TIngestErrorQuery>;

export interface SeriesRequest {
  metricIds: number[];
  /** ISO 8601 */
  from: string;
  to: string;
  resolution: 'auto' | Resolution;
  agg: Aggregate;
  maxPoints: number;
  downsample?: 'lttb' | 'minmax' | 'none';
}

export const dataApi = {
  series: (request: SeriesRequest, signal?: AbortSignal) =>
    api.get<TSeries>('/telemetry/series', { ...request, metricIds: request.metricIds.join(',') }, signal),
  exportSeries: (request: {
    metricIds: number[];
    from: string;
    to: string;
    resolution: Resolution;
    format: 'csv' | 'xlsx';
  }) =>
    downloadFile(
      '/telemetry/series/export',
      { ...request, metricIds: request.metricIds.join(',') },
      `telemetry.${request.format}`,
    ),
  ingestErrors: (query: IngestErrorFilters, signal?: AbortSignal) =>
    api.get<TPage<TIngestError>>('/telemetry/ingest-errors', query, signal),
};
