import { useState } from 'react';
import { Alert, Progress, Table, Tag, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { PageCard } from '../../../../shared/components/PageCard.tsx';
import { errorMessage } from '../../../../shared/lib/error-message.ts';
import { useMediumLabel } from '../../hooks/use-energy-options.ts';
import { formatNumber, unitLabel } from '../../lib/energy-format.ts';
import type { TCompletenessRow } from '../api/metering-api.ts';
import { PeriodPicker } from '../components/PeriodPicker.tsx';
import { useCompleteness } from '../hooks/use-metering-queries.ts';
import { presetRange, type Period } from '../lib/metering-lib.ts';
import { useEnterpriseTimeZone } from '../../hooks/use-enterprise-time-zone.ts';
import { instantIn } from '../../reports/lib/report-period.ts';

/**
 * Below this share of a parent's energy measured by its sub-meters, the row is a warning. GB 17167 asks
 * for 100 % coverage of the incomers and 95 % of workshops; losses of a few per cent are normal.
 */
const WARN_BELOW: Record<number, number> = { 1: 0.9, 2: 0.85, 3: 0.8 };
const warnBelow = (level: number) => WARN_BELOW[level] ?? 0.8;

function coverageColor(row: TCompletenessRow): string {
  // sub-meters above their parent: a wiring or CT-ratio error rather than good coverage
  if (row.coverage !== null && row.coverage > 1.02) return 'var(--ant-color-error, #ff4d4f)';
  if (row.coverage !== null && row.coverage < warnBelow(row.level))
    return 'var(--ant-color-warning, #faad14)';
  return 'var(--ant-color-success, #52c41a)';
}

export function CompletenessPage() {
  const timeZone = useEnterpriseTimeZone();
  const { t, i18n } = useTranslation();
  const mediumLabel = useMediumLabel();
  const [period, setPeriod] = useState<Period>({ preset: 'thisMonth', range: presetRange('thisMonth') });
  const rows = useCompleteness({
    from: instantIn(period.range[0], timeZone),
    to: instantIn(period.range[1], timeZone),
  });
  const quantity = (v: number | null, row: TCompletenessRow) =>
    v === null ? '—' : `${formatNumber(v, i18n.language, 2)} ${unitLabel(row.unit)}`;

  return (
    <PageCard
      title={t('metering.menu.completeness')}
      testId="completeness-page"
      filters={<PeriodPicker value={period} onChange={setPeriod} />}
    >
      <Typography.Paragraph type="secondary">{t('metering.completenessHelp')}</Typography.Paragraph>
      {rows.isError && (
        <Alert type="error" showIcon style={{ marginBottom: 16 }} title={errorMessage(rows.error, t)} />
      )}
      <Table<TCompletenessRow>
        rowKey="meterId"
        size="middle"
        data-testid="completeness-table"
        loading={rows.isFetching}
        dataSource={rows.data ?? []}
        pagination={false}
        locale={{ emptyText: t('metering.noParents') }}
        columns={[
          {
            title: t('metering.meter'),
            render: (_, r) => (
              <span>
                <Tag>{t('metering.levelShort', { level: r.level })}</Tag>
                {r.code} · {r.name}
              </span>
            ),
          },
          { title: t('metering.medium'), dataIndex: 'medium', render: (m: string) => mediumLabel(m) },
          {
            title: t('metering.total'),
            dataIndex: 'total',
            align: 'right',
            render: (v: number | null, r) => quantity(v, r),
          },
          {
            title: t('metering.childrenTotal'),
            dataIndex: 'childrenTotal',
            align: 'right',
            render: (v: number | null, r) => (
              <Tooltip title={t('metering.childCount', { count: r.childCount })}>{quantity(v, r)}</Tooltip>
            ),
          },
          {
            title: t('metering.unexplained'),
            dataIndex: 'unexplained',
            align: 'right',
            render: (v: number | null, r) => quantity(v, r),
          },
          {
            title: t('metering.coverage'),
            dataIndex: 'coverage',
            width: 240,
            render: (v: number | null, r) =>
              v === null ? (
                <Typography.Text type="secondary">{t('metering.noData')}</Typography.Text>
              ) : (
                <Tooltip title={t('metering.coverageTarget', { percent: warnBelow(r.level) * 100 })}>
                  <Progress
                    percent={Math.round(v * 1000) / 10}
                    strokeColor={coverageColor(r)}
                    status="normal"
                    format={(p) => `${p}%`}
                    data-testid={`coverage-${r.code}`}
                  />
                </Tooltip>
              ),
          },
        ]}
      />
    </PageCard>
  );
}
