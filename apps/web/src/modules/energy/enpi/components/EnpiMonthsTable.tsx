import { Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TEnpiEvaluation } from '@greenmes/contracts';
import { formatNumber, unitLabel } from '../../lib/energy-format.ts';
import type { EnpiMonth } from '../lib/enpi-lib.ts';

/** The reporting months: driver, actual against expected, the deviation and the running savings. */
export function EnpiMonthsTable(props: { evaluation: TEnpiEvaluation; loading?: boolean }) {
  const { t, i18n } = useTranslation();
  const { evaluation } = props;
  const unit = unitLabel(evaluation.unit);
  const num = (digits: number) => (v: number | null) => formatNumber(v, i18n.language, digits);
  const baseline = new Set(evaluation.baseline.map((m) => m.month));
  const hasDegreeDays = evaluation.months.some((m) => m.degreeDays !== null);
  return (
    <Table<EnpiMonth>
      rowKey="month"
      size="small"
      data-testid="enpi-months"
      loading={props.loading}
      dataSource={evaluation.months}
      pagination={false}
      scroll={{ x: 1000 }}
      locale={{ emptyText: t('enpi.noMonths') }}
      onRow={(m) => ({
        'data-alarm': m.isAlarm,
        style: m.isAlarm ? { background: 'var(--ant-color-error-bg, #fff2f0)' } : undefined,
      })}
      columns={[
        {
          title: t('enpi.month'),
          dataIndex: 'month',
          width: 130,
          render: (month: string) => (
            <>
              {month} {baseline.has(month) && <Tag>{t('enpi.baselineTag')}</Tag>}
            </>
          ),
        },
        {
          title: t(`enpi.driverName.${evaluation.enpi.driver}`),
          dataIndex: 'driver',
          align: 'right',
          render: num(2),
        },
        ...(hasDegreeDays
          ? [
              {
                title: t('enpi.degreeDaysShort'),
                dataIndex: 'degreeDays',
                align: 'right' as const,
                render: num(1),
              },
            ]
          : []),
        { title: `${t('enpi.actual')} (${unit})`, dataIndex: 'actual', align: 'right', render: num(2) },
        { title: `${t('enpi.expected')} (${unit})`, dataIndex: 'expected', align: 'right', render: num(2) },
        { title: `${t('enpi.deviation')} (${unit})`, dataIndex: 'deviation', align: 'right', render: num(2) },
        {
          title: t('enpi.deviationPct'),
          dataIndex: 'deviationPct',
          align: 'right',
          render: (v: number | null) => (v === null ? '—' : `${formatNumber(v, i18n.language, 1)}%`),
        },
        {
          title: `${t('enpi.cumulativeSavings')} (${unit})`,
          dataIndex: 'cumulativeSavings',
          align: 'right',
          render: num(2),
        },
        { title: t('enpi.ratio'), dataIndex: 'ratio', align: 'right', render: num(4) },
        {
          title: t('enpi.alarm'),
          dataIndex: 'isAlarm',
          width: 90,
          render: (isAlarm: boolean, m) =>
            isAlarm ? (
              <Tag color="red">{t('enpi.alarm')}</Tag>
            ) : m.deviation === null ? (
              '—'
            ) : (
              <Tag color="green">{t('enpi.normal')}</Tag>
            ),
        },
      ]}
    />
  );
}
