import { useDeviceMetrics, useInvalidateTelemetry } from '../hooks/use-telemetry-queries.ts';
import { devicesApi } from '../api/devices-api.ts';
import { MetricsTable } from './MetricsTable.tsx';

/** A saved device's metrics, profile-derived ones included (read-only here). Edits save at once. */
export function DeviceMetricsEditor(props: { deviceId: string; canEdit: boolean }) {
  const metrics = useDeviceMetrics(props.deviceId);
  const invalidate = useInvalidateTelemetry();
  const { deviceId } = props;
  const refresh = <T,>(saved: T) => {
    void invalidate();
    return saved;
  };
  return (
    <MetricsTable
      testId="device-metrics"
      rows={metrics.data ?? []}
      loading={metrics.isFetching}
      canEdit={props.canEdit}
      onCreate={(def) => devicesApi.createMetric(deviceId, def).then(refresh)}
      onUpdate={(row, def) => devicesApi.updateMetric(deviceId, Number(row.id), def).then(refresh)}
      onDelete={(row) => devicesApi.deleteMetric(deviceId, Number(row.id)).then(refresh)}
    />
  );
}
