import { useState } from 'react';
import { App, Alert, Button, DatePicker, Empty, Select, Space, Statistic, Table, Tag, Tooltip } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import dayjs, { type Dayjs } from 'dayjs';
import type { TOeeQuery, TOeeWorkCenter } from '@greenmes/contracts';
import { PageCard } from '../../../shared/components/PageCard.tsx';
import { usePlantTree } from '../../modeling/hooks/use-modeling-queries.ts';
import { oeeApi, oeeKeys } from '../api/oee-api.ts';

type Factor = { value: number | null; reason: string | null };

const percent = (v: number) => `${(v * 100).toFixed(1)}%`;

/** A factor as a percentage; "—" when unknown (its reason shows in the reasons column). */
function FactorCell({ factor, testId }: { factor: Factor; testId: string }) {
  return <span data-testid={testId}>{factor.value === null ? '—' : percent(factor.value)}</span>;
}

/** The period picked as whole local days [first day 00:00, day after the last); none: the server's today. */
function periodQuery(range: [Dayjs, Dayjs] | null): Pick<TOeeQuery, 'from' | 'to'> {
  if (!range) return {};
  return {
    from: range[0].startOf('day').toISOString(),
    to: range[1].add(1, 'day').startOf('day').toISOString(),
  };
}

/** 设备综合效率: availability × performance × quality per work center over a period, with the plant's. */
export function OeePage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [range, setRange] = useState<[Dayjs, Dayjs] | null>(null);
  const [siteId, setSiteId] = useState<string | undefined>();
  const tree = usePlantTree();
  const sites = (tree.data?.nodes ?? []).filter((n) => n.kind === 'site');
  const query: TOeeQuery = { ...periodQuery(range), ...(siteId ? { siteId } : {}) };
  const report = useQuery({
    queryKey: [...oeeKeys.report, query],
    queryFn: ({ signal }) => oeeApi.report(query, signal),
    placeholderData: keepPreviousData,
  });
  const data = report.data;
  const today = dayjs();

  const columns = [
    {
      title: t('oee.workCenter'),
      key: 'workCenter',
      render: (_: unknown, r: TOeeWorkCenter) => (
        <span>
          {r.workCenterCode} {r.workCenterName}
          {!siteId && <Tag style={{ marginLeft: 8 }}>{r.siteCode}</Tag>}
        </span>
      ),
    },
    {
      title: t('oee.equipment'),
      key: 'equipment',
      render: (_: unknown, r: TOeeWorkCenter) =>
        r.equipment.map((e) => (
          <Tooltip key={e.id} title={e.hasStateData ? e.name : `${e.name}: ${t('oee.equipmentNoState')}`}>
            <Tag color={e.hasStateData ? 'blue' : undefined}>{e.code}</Tag>
          </Tooltip>
        )),
    },
    {
      title: t('oee.plannedMinutes'),
      key: 'planned',
      align: 'right' as const,
      render: (_: unknown, r: TOeeWorkCenter) => Math.round(r.plannedMinutes),
    },
    {
      title: t('oee.runningMinutes'),
      key: 'running',
      align: 'right' as const,
      render: (_: unknown, r: TOeeWorkCenter) =>
        r.runningMinutes === null ? '—' : Math.round(r.runningMinutes),
    },
    {
      title: t('oee.goodScrap'),
      key: 'output',
      align: 'right' as const,
      render: (_: unknown, r: TOeeWorkCenter) => `${r.good} / ${r.scrap}`,
    },
    {
      title: t('oee.availability'),
      key: 'a',
      align: 'right' as const,
      render: (_: unknown, r: TOeeWorkCenter) => (
        <FactorCell factor={r.availability} testId={`oee-a-${r.workCenterCode}`} />
      ),
    },
    {
      title: t('oee.performance'),
      key: 'p',
      align: 'right' as const,
      render: (_: unknown, r: TOeeWorkCenter) =>
        r.performance.uncapped !== null && r.performance.uncapped > 1 ? (
          <Tooltip title={t('oee.uncapped', { value: percent(r.performance.uncapped) })}>
            <span>
              <FactorCell factor={r.performance} testId={`oee-p-${r.workCenterCode}`} />*
            </span>
          </Tooltip>
        ) : (
          <FactorCell factor={r.performance} testId={`oee-p-${r.workCenterCode}`} />
        ),
    },
    {
      title: t('oee.quality'),
      key: 'q',
      align: 'right' as const,
      render: (_: unknown, r: TOeeWorkCenter) => (
        <FactorCell factor={r.quality} testId={`oee-q-${r.workCenterCode}`} />
      ),
    },
    {
      title: t('oee.value'),
      key: 'oee',
      align: 'right' as const,
      render: (_: unknown, r: TOeeWorkCenter) => (
        <strong data-testid={`oee-value-${r.workCenterCode}`}>{r.oee === null ? '—' : percent(r.oee)}</strong>
      ),
    },
    {
      title: t('oee.reasons'),
      key: 'reasons',
      render: (_: unknown, r: TOeeWorkCenter) =>
        r.reasons.map((x) => (
          <Tag key={x} color="orange">
            {t(`oee.reason.${x}`)}
          </Tag>
        )),
    },
  ];

  return (
    <PageCard
      title={t('oee.title')}
      testId="oee-page"
      extra={
        <Button
          icon={<DownloadOutlined />}
          onClick={() => void oeeApi.export(query).catch((e: Error) => message.error(e.message))}
          data-testid="oee-export"
        >
          {t('oee.export')}
        </Button>
      }
      filters={
        <Space wrap>
          <DatePicker.RangePicker
            value={range}
            allowClear
            placeholder={[t('oee.periodHint'), t('oee.periodHint')]}
            disabledDate={(d) => d.isAfter(today, 'day')}
            presets={[
              { label: t('oee.today'), value: [today, today] },
              { label: t('oee.yesterday'), value: [today.subtract(1, 'day'), today.subtract(1, 'day')] },
              { label: t('oee.last7'), value: [today.subtract(6, 'day'), today] },
              { label: t('oee.last30'), value: [today.subtract(29, 'day'), today] },
            ]}
            onChange={(v) => setRange(v && v[0] && v[1] ? [v[0], v[1]] : null)}
            data-testid="oee-period"
          />
          <Select
            style={{ minWidth: 200 }}
            allowClear
            placeholder={t('oee.allSites')}
            value={siteId}
            options={sites.map((s) => ({ value: s.id, label: `${s.code} ${s.name}` }))}
            onChange={(v?: string) => setSiteId(v)}
            data-testid="oee-site"
          />
        </Space>
      }
    >
      {report.error && (
        <Alert type="error" showIcon message={report.error.message} style={{ marginBottom: 16 }} />
      )}
      <Space align="start" size="large" style={{ marginBottom: 16 }}>
        <Statistic
          title={t('oee.plant')}
          value={data?.plant ? percent(data.plant.oee) : '—'}
          loading={report.isLoading}
          valueRender={(node) => <span data-testid="oee-plant">{node}</span>}
        />
        {data && (
          <div style={{ paddingTop: 28, color: 'rgba(0,0,0,0.45)' }}>
            {data.plant ? t('oee.plantNote', { count: data.plant.workCenters }) : t('oee.noPlant')}
            {' · '}
            {dayjs(data.from).format('YYYY-MM-DD HH:mm')} – {dayjs(data.to).format('YYYY-MM-DD HH:mm')}
          </div>
        )}
      </Space>
      <Table<TOeeWorkCenter>
        rowKey="workCenterId"
        size="middle"
        loading={report.isLoading || report.isPlaceholderData}
        dataSource={data?.workCenters ?? []}
        columns={columns}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: <Empty description={t('oee.empty')} /> }}
        data-testid="oee-table"
      />
      <Alert type="info" showIcon message={t('oee.formula')} style={{ marginTop: 16 }} />
    </PageCard>
  );
}
