import { useState } from 'react';
import { Select, Space } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { RemoteSelect } from '../../../../shared/components/RemoteSelect.tsx';
import { devicesApi } from '../../../telemetry/api/devices-api.ts';
import { optionSources } from '../../../telemetry/components/telemetry-options.ts';

/**
 * A device, then one of its counter metrics: only a counter (a register that grows) gives consumption
 * as the difference between two samples; a gauge such as kW would be refused by the server.
 */
export function CounterMetricPicker(props: {
  value?: number | null;
  onChange?: (value: number | null) => void;
  /** "device code / metric key" of the stored metric, shown before a device is picked */
  currentLabel?: string | null;
  disabled?: boolean;
}) {
  const { t } = useTranslation();
  const [deviceId, setDeviceId] = useState<string | null>(null);
  const metrics = useQuery({
    queryKey: ['telemetry', 'devices', deviceId, 'metrics'],
    queryFn: ({ signal }) => devicesApi.metrics(deviceId ?? '', signal),
    enabled: deviceId !== null,
  });
  const counters = (metrics.data ?? []).filter((m) => m.kind === 'counter');
  const options = deviceId
    ? counters.map((m) => ({
        value: m.id,
        label: `${m.key} · ${m.name}${m.unitCode ? ` (${m.unitCode})` : ''}`,
      }))
    : props.value && props.currentLabel
      ? [{ value: props.value, label: props.currentLabel }]
      : [];
  return (
    <Space.Compact style={{ width: '100%' }}>
      <RemoteSelect
        {...optionSources.devices}
        value={deviceId}
        onChange={(id) => {
          setDeviceId(id);
          props.onChange?.(null);
        }}
        placeholder={t('metering.pickDevice')}
        disabled={props.disabled}
        style={{ width: '50%' }}
        data-testid="meter-device"
      />
      <Select<number>
        value={props.value ?? undefined}
        onChange={(v) => props.onChange?.(v ?? null)}
        options={options}
        loading={metrics.isFetching}
        disabled={props.disabled}
        placeholder={t('metering.pickCounter')}
        notFoundContent={deviceId && !metrics.isFetching ? t('metering.noCounter') : undefined}
        style={{ width: '50%' }}
        data-testid="meter-metric"
      />
    </Space.Compact>
  );
}
