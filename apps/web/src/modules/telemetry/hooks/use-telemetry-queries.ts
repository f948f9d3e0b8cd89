import { useCallback } from 'react';
import type { TSeries } from '@greenmes/contracts';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { devicesApi, type DeviceFilters } from '../api/devices-api.ts';
import { gatewaysApi, type GatewayFilters } from '../api/gateways-api.ts';
import { profilesApi, type ProfileFilters } from '../api/profiles-api.ts';
import { dataApi, type IngestErrorFilters, type SeriesRequest } from '../api/data-api.ts';

export type CredentialOwner = { kind: 'device' | 'gateway'; id: string };
/** Whose latest values: one device's, or those of every device bound to a piece of equipment. */
export type LatestOwner = { kind: 'device' | 'equipment'; id: string };

export const telemetryKeys = {
  all: ['telemetry'] as const,
  gateways: (filters: GatewayFilters) => ['telemetry', 'gateways', 'list', filters] as const,
  gateway: (id: string) => ['telemetry', 'gateways', 'one', id] as const,
  gatewayStatus: (id: string) => ['telemetry', 'gateways', 'status', id] as const,
  gatewayConfig: (id: string) => ['telemetry', 'gateways', 'config', id] as const,
  profiles: (filters: ProfileFilters) => ['telemetry', 'profiles', 'list', filters] as const,
  profile: (id: string) => ['telemetry', 'profiles', 'one', id] as const,
  devices: (filters: DeviceFilters) => ['telemetry', 'devices', 'list', filters] as const,
  device: (id: string) => ['telemetry', 'devices', 'one', id] as const,
  deviceMetrics: (id: string) => ['telemetry', 'devices', 'metrics', id] as const,
  credentials: (owner: CredentialOwner) => ['telemetry', 'credentials', owner.kind, owner.id] as const,
  // live data stays outside `all`: invalidating definitions must not refetch every chart
  latest: (owner: LatestOwner) => ['telemetry-data', 'latest', owner.kind, owner.id] as const,
  series: (request: SeriesRequest | null) => ['telemetry-data', 'series', request] as const,
  equipmentStates: (equipmentIds: string[]) => ['telemetry-data', 'equipment-states', equipmentIds] as const,
  ingestErrors: (filters: IngestErrorFilters) => ['telemetry', 'ingest-errors', filters] as const,
};

export const useGateways = (filters: GatewayFilters, options: { enabled?: boolean } = {}) =>
  useQuery({
    queryKey: telemetryKeys.gateways(filters),
    queryFn: ({ signal }) => gatewaysApi.list(filters, signal),
    placeholderData: keepPreviousData,
    enabled: options.enabled ?? true,
  });

export const useGateway = (id: string | undefined) =>
  useQuery({
    queryKey: telemetryKeys.gateway(id ?? ''),
    queryFn: ({ signal }) => gatewaysApi.get(id ?? '', signal),
    enabled: Boolean(id),
  });

/** What the gateway last reported about itself; it reports on its own schedule, so poll. */
export const useGatewayStatus = (id: string | undefined) =>
  useQuery({
    queryKey: telemetryKeys.gatewayStatus(id ?? ''),
    queryFn: ({ signal }) => gatewaysApi.status(id ?? '', signal),
    enabled: Boolean(id),
    refetchInterval: 10_000,
  });

/** Saved configuration versions, newest first. */
export const useGatewayConfigVersions = (id: string | undefined) =>
  useQuery({
    queryKey: telemetryKeys.gatewayConfig(id ?? ''),
    queryFn: ({ signal }) => gatewaysApi.configVersions(id ?? '', signal),
    enabled: Boolean(id),
  });

export const useProfiles = (filters: ProfileFilters, options: { enabled?: boolean } = {}) =>
  useQuery({
    queryKey: telemetryKeys.profiles(filters),
    queryFn: ({ signal }) => profilesApi.list(filters, signal),
    placeholderData: keepPreviousData,
    enabled: options.enabled ?? true,
  });

export const useProfile = (id: string | undefined) =>
  useQuery({
    queryKey: telemetryKeys.profile(id ?? ''),
    queryFn: ({ signal }) => profilesApi.get(id ?? '', signal),
    enabled: Boolean(id),
  });

export const useDevices = (
  filters: DeviceFilters,
  options: { enabled?: boolean; refetchInterval?: number } = {},
) =>
  useQuery({
    queryKey: telemetryKeys.devices(filters),
    queryFn: ({ signal }) => devicesApi.list(filters, signal),
    placeholderData: keepPreviousData,
    enabled: options.enabled ?? true,
    refetchInterval: options.refetchInterval,
  });

export const useDevice = (id: string | undefined) =>
  useQuery({
    queryKey: telemetryKeys.device(id ?? ''),
    queryFn: ({ signal }) => devicesApi.get(id ?? '', signal),
    enabled: Boolean(id),
    // connectivity and counters move on their own
    refetchInterval: 30_000,
  });

export const useDeviceMetrics = (id: string | undefined) =>
  useQuery({
    queryKey: telemetryKeys.deviceMetrics(id ?? ''),
    queryFn: ({ signal }) => devicesApi.metrics(id ?? '', signal),
    enabled: Boolean(id),
  });

export const useCredentials = (owner: CredentialOwner) =>
  useQuery({
    queryKey: telemetryKeys.credentials(owner),
    queryFn: ({ signal }) =>
      owner.kind === 'device'
        ? devicesApi.credentials(owner.id, signal)
        : gatewaysApi.credentials(owner.id, signal),
  });

/** Latest values; `pollMs` is set while the live socket is down. */
export const useLatestValues = (owner: LatestOwner, options: { pollMs?: number; enabled?: boolean } = {}) =>
  useQuery({
    queryKey: telemetryKeys.latest(owner),
    queryFn: ({ signal }) =>
      owner.kind === 'device'
        ? devicesApi.latest(owner.id, signal)
        : devicesApi.equipmentLatest(owner.id, signal),
    refetchInterval: options.pollMs ?? false,
    enabled: options.enabled ?? true,
    staleTime: 0,
  });

const NO_SERIES = { resolution: 'raw', agg: 'avg', series: [] } as const satisfies TSeries;

/** `null` = nothing to fetch (no metric chosen, or not zoomed). */
export const useSeries = (request: SeriesRequest | null) =>
  useQuery({
    queryKey: telemetryKeys.series(request),
    queryFn: ({ signal }) => (request ? dataApi.series(request, signal) : NO_SERIES),
    enabled: request !== null && request.metricIds.length > 0,
    placeholderData: keepPreviousData,
    staleTime: 10_000,
  });

export const useIngestErrors = (filters: IngestErrorFilters, options: { enabled?: boolean } = {}) =>
  useQuery({
    queryKey: telemetryKeys.ingestErrors(filters),
    queryFn: ({ signal }) => dataApi.ingestErrors(filters, signal),
    placeholderData: keepPreviousData,
    enabled: options.enabled ?? true,
  });

/** Definitions (gateways, profiles, devices, metrics, credentials) refresh together after any write. */
export function useInvalidateTelemetry() {
  const queryClient = useQueryClient();
  return useCallback(() => queryClient.invalidateQueries({ queryKey: telemetryKeys.all }), [queryClient]);
}
