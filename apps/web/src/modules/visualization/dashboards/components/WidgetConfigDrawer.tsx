import { useEffect, useState } from 'react';
import {
  Alert,
  App,
  Button,
  DatePicker,
  Drawer,
  Form,
  Input,
  InputNumber,
  Select,
  Space,
  Upload,
} from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import {
  DASHBOARD_KPIS,
  MAX_IMAGE_DATA_URL_CHARS,
  RELATIVE_RANGES,
  WIDGET_AGGREGATES,
  WIDGET_BINDINGS,
  ZWidget,
  type TPage,
  type TPlantLayout,
  type TTimeRange,
  type TWidget,
  type TWidgetBinding,
} from '@greenmes/contracts';
import { api } from '../../../../api/client.ts';
import { RemoteSelect } from '../../../../shared/components/RemoteSelect.tsx';
import { devicesApi } from '../../../telemetry/api/devices-api.ts';
import { plantApi } from '../../../modeling/api/plant-api.ts';

const DEFAULT_RANGE: TTimeRange = { kind: 'relative', last: '24h' };

/** Binds one widget: its title, what it shows (metrics, a KPI or a named query), time range, aggregation. */
export function WidgetConfigDrawer(props: {
  widget: TWidget | null;
  onClose: () => void;
  onApply: (w: TWidget) => void;
}) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<TWidget | null>(props.widget);
  const [issues, setIssues] = useState<string[]>([]);
  useEffect(() => {
    setDraft(props.widget);
    setIssues([]);
  }, [props.widget]);
  if (!draft) return <Drawer open={false} />;
  const allowed = WIDGET_BINDINGS[draft.type];
  const set = (patch: Partial<TWidget>) => setDraft({ ...draft, ...patch });
  const setOptions = (patch: Partial<TWidget['options']>) => set({ options: { ...draft.options, ...patch } });
  const setBinding = (binding: TWidgetBinding) => set({ binding });

  const apply = () => {
    const parsed = ZWidget.safeParse(draft);
    if (!parsed.success) {
      setIssues(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
      return;
    }
    props.onApply(parsed.data);
  };

  return (
    <Drawer
      open={!!props.widget}
      title={t('dashboards.configureTitle', { type: t(`dashboards.types.${draft.type}`) })}
      size={480}
      onClose={props.onClose}
      extra={
        <Space>
          <Button onClick={props.onClose}>{t('common.cancel')}</Button>
          <Button type="primary" onClick={apply} data-testid="widget-config-apply">
            {t('dashboards.apply')}
          </Button>
        </Space>
      }
    >
      <Form layout="vertical">
        <Form.Item label={t('dashboards.widgetTitle')}>
          <Input
            value={draft.title}
            maxLength={100}
            onChange={(e) => set({ title: e.target.value })}
            data-testid="widget-config-title"
          />
        </Form.Item>
        {allowed && (
          <Form.Item label={t('dashboards.source')}>
            <Select
              value={draft.binding?.source}
              data-testid="widget-config-source"
              options={allowed.sources.map((s) => ({ value: s, label: t(`dashboards.sources.${s}`) }))}
              onChange={(source: TWidgetBinding['source']) =>
                setBinding(
                  source === 'metrics'
                    ? { source, metricIds: [], agg: 'avg', timeRange: DEFAULT_RANGE }
                    : source === 'kpi'
                      ? { source, kpi: 'alarms.open' }
                      : { source, query: allowed.queries![0]!, timeRange: { kind: 'relative', last: '7d' } },
                )
              }
            />
          </Form.Item>
        )}
        {draft.binding?.source === 'metrics' && (
          <MetricsBinding binding={draft.binding} onChange={setBinding} />
        )}
        {draft.binding?.source === 'kpi' && (
          <Form.Item label={t('dashboards.kpi')}>
            <Select
              value={draft.binding.kpi}
              options={DASHBOARD_KPIS.map((k) => ({ value: k, label: t(`dashboards.kpis.${k}`) }))}
              onChange={(kpi) => setBinding({ source: 'kpi', kpi })}
              data-testid="widget-config-kpi"
            />
          </Form.Item>
        )}
        {draft.binding?.source === 'query' && (
          <>
            <Form.Item label={t('dashboards.query')}>
              <Select
                value={draft.binding.query}
                options={(allowed?.queries ?? []).map((q) => ({
                  value: q,
                  label: t(`dashboards.queries.${q}`),
                }))}
                onChange={(query) =>
                  setBinding({ ...draft.binding, source: 'query', query } as TWidgetBinding)
                }
              />
            </Form.Item>
            {draft.binding.query.startsWith('energy.') && (
              <TimeRangeField
                value={draft.binding.timeRange ?? DEFAULT_RANGE}
                onChange={(timeRange) =>
                  setBinding({ ...draft.binding, source: 'query', timeRange } as TWidgetBinding)
                }
              />
            )}
          </>
        )}
        {(draft.type === 'kpi' || draft.type === 'gauge') && (
          <Space wrap>
            <Form.Item label={t('dashboards.unit')}>
              <Input
                value={draft.options.unit}
                maxLength={20}
                onChange={(e) => setOptions({ unit: e.target.value || undefined })}
                style={{ width: 100 }}
              />
            </Form.Item>
            <Form.Item label={t('dashboards.precision')}>
              <InputNumber
                value={draft.options.precision}
                min={0}
                max={6}
                onChange={(v) => setOptions({ precision: v ?? undefined })}
              />
            </Form.Item>
            {draft.type === 'gauge' && (
              <>
                <Form.Item label={t('dashboards.min')}>
                  <InputNumber
                    value={draft.options.min}
                    onChange={(v) => setOptions({ min: v ?? undefined })}
                  />
                </Form.Item>
                <Form.Item label={t('dashboards.max')}>
                  <InputNumber
                    value={draft.options.max}
                    onChange={(v) => setOptions({ max: v ?? undefined })}
                  />
                </Form.Item>
              </>
            )}
          </Space>
        )}
        {draft.type === 'text' && (
          <Form.Item label={t('dashboards.text')}>
            <Input.TextArea
              rows={5}
              maxLength={5000}
              value={draft.options.text}
              onChange={(e) => setOptions({ text: e.target.value })}
              data-testid="widget-config-text"
            />
          </Form.Item>
        )}
        {draft.type === 'image' && (
          <ImageField value={draft.options.imageSrc} onChange={(imageSrc) => setOptions({ imageSrc })} />
        )}
        {draft.type === 'equipment-status' && (
          <SiteField value={draft.options.siteId} onChange={(siteId) => setOptions({ siteId })} />
        )}
        {draft.type === 'plant-layout' && (
          <LayoutField value={draft.options.layoutId} onChange={(layoutId) => setOptions({ layoutId })} />
        )}
        {issues.length > 0 && (
          <Alert type="error" showIcon title={issues.join('; ')} data-testid="widget-config-issues" />
        )}
      </Form>
    </Drawer>
  );
}

function MetricsBinding(props: {
  binding: Extract<TWidgetBinding, { source: 'metrics' }>;
  onChange: (b: TWidgetBinding) => void;
}) {
  const { t } = useTranslation();
  const { binding } = props;
  const [deviceId, setDeviceId] = useState<string | null>(null);
  const metrics = useQuery({
    queryKey: ['dashboards', 'device-metrics', deviceId],
    queryFn: ({ signal }) => devicesApi.metrics(deviceId!, signal),
    enabled: !!deviceId,
  });
  const known = new Map((metrics.data ?? []).map((m) => [m.id, m]));
  return (
    <>
      <Form.Item label={t('dashboards.device')} extra={t('dashboards.deviceHelp')}>
        <RemoteSelect
          value={deviceId}
          onChange={setDeviceId}
          queryKey={['dashboards', 'device-options']}
          search={async (q, signal) =>
            (await devicesApi.list({ q: q || undefined, pageSize: 20 }, signal)).items.map((d) => ({
              value: d.id,
              label: `${d.code} ${d.name}`,
            }))
          }
          data-testid="widget-config-device"
        />
      </Form.Item>
      <Form.Item label={t('dashboards.metrics')}>
        <Select
          mode="multiple"
          value={binding.metricIds}
          maxCount={8}
          loading={metrics.isFetching}
          data-testid="widget-config-metrics"
          options={[
            ...(metrics.data ?? [])
              .filter((m) => m.valueType === 'number')
              .map((m) => ({ value: m.id, label: `${m.name} (${m.key})` })),
            ...binding.metricIds.filter((id) => !known.has(id)).map((id) => ({ value: id, label: `#${id}` })),
          ]}
          onChange={(metricIds: number[]) => props.onChange({ ...binding, metricIds })}
        />
      </Form.Item>
      <Form.Item label={t('dashboards.aggregation')}>
        <Select
          value={binding.agg}
          options={WIDGET_AGGREGATES.map((a) => ({ value: a, label: t(`dashboards.aggs.${a}`) }))}
          onChange={(agg) => props.onChange({ ...binding, agg })}
        />
      </Form.Item>
      <TimeRangeField
        value={binding.timeRange}
        onChange={(timeRange) => props.onChange({ ...binding, timeRange })}
      />
    </>
  );
}

function TimeRangeField(props: { value: TTimeRange; onChange: (r: TTimeRange) => void }) {
  const { t } = useTranslation();
  const r = props.value;
  return (
    <Form.Item label={t('dashboards.timeRange')}>
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Select
          value={r.kind === 'relative' ? r.last : 'absolute'}
          data-testid="widget-config-range"
          options={[
            ...RELATIVE_RANGES.map((last) => ({ value: last, label: t(`dashboards.ranges.${last}`) })),
            { value: 'absolute', label: t('dashboards.ranges.absolute') },
          ]}
          onChange={(v: string) =>
            props.onChange(
              v === 'absolute'
                ? {
                    kind: 'absolute',
                    from: dayjs().subtract(1, 'day').startOf('day').toISOString(),
                    to: dayjs().startOf('day').toISOString(),
                  }
                : { kind: 'relative', last: v as (typeof RELATIVE_RANGES)[number] },
            )
          }
        />
        {r.kind === 'absolute' && (
          <DatePicker.RangePicker
            showTime
            value={[dayjs(r.from), dayjs(r.to)]}
            onChange={(v) =>
              v?.[0] &&
              v[1] &&
              props.onChange({ kind: 'absolute', from: v[0].toISOString(), to: v[1].toISOString() })
            }
          />
        )}
      </Space>
    </Form.Item>
  );
}

function ImageField(props: { value: string | undefined; onChange: (v: string | undefined) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const isData = props.value?.startsWith('data:');
  return (
    <Form.Item
      label={t('dashboards.image')}
      extra={t('dashboards.imageHelp', { kb: Math.floor((MAX_IMAGE_DATA_URL_CHARS * 3) / 4 / 1024) })}
    >
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Input
          placeholder="https://…"
          value={isData ? '' : props.value}
          onChange={(e) => props.onChange(e.target.value || undefined)}
          data-testid="widget-config-image-url"
        />
        <Upload
          accept="image/png,image/jpeg,image/gif,image/webp,image/svg+xml"
          showUploadList={false}
          beforeUpload={(file) => {
            const reader = new FileReader();
            reader.onload = () => {
              const url = String(reader.result);
              if (url.length > MAX_IMAGE_DATA_URL_CHARS) void message.error(t('dashboards.imageTooLarge'));
              else props.onChange(url);
            };
            reader.readAsDataURL(file);
            return false;
          }}
        >
          <Button icon={<UploadOutlined />}>
            {isData ? t('dashboards.replaceImage') : t('dashboards.uploadImage')}
          </Button>
        </Upload>
      </Space>
    </Form.Item>
  );
}

function SiteField(props: { value: string | undefined; onChange: (v: string | undefined) => void }) {
  const { t } = useTranslation();
  const tree = useQuery({
    queryKey: ['dashboards', 'plant-tree'],
    queryFn: ({ signal }) => plantApi.tree(signal),
  });
  return (
    <Form.Item label={t('dashboards.site')}>
      <Select
        allowClear
        placeholder={t('dashboards.allSites')}
        value={props.value}
        loading={tree.isFetching}
        options={(tree.data?.nodes ?? [])
          .filter((n) => n.kind === 'site')
          .map((n) => ({ value: n.id, label: n.name }))}
        onChange={(v: string | undefined) => props.onChange(v ?? undefined)}
      />
    </Form.Item>
  );
}

function LayoutField(props: { value: string | undefined; onChange: (v: string | undefined) => void }) {
  const { t } = useTranslation();
  const layouts = useQuery({
    queryKey: ['dashboards', 'plant-layout-options'],
    queryFn: ({ signal }) =>
      api.get<TPage<TPlantLayout>>('/visualization/layouts', { pageSize: 200 }, signal),
  });
  return (
    <Form.Item label={t('dashboards.plantLayout')}>
      <Select
        value={props.value}
        loading={layouts.isFetching}
        notFoundContent={t('dashboards.noLayouts')}
        options={(layouts.data?.items ?? []).map((l) => ({
          value: l.id,
          label: `${l.nodeName} · ${l.name}`,
        }))}
        onChange={(v: string) => props.onChange(v)}
      />
    </Form.Item>
  );
}
