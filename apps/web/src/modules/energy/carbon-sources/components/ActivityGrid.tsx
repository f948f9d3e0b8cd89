import { useMemo } from 'react';
import { Table, Tag, Tooltip, Typography } from 'antd';
import { QuestionCircleOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { TCarbonActivity, TCarbonSource } from '@greenmes/contracts';
import { formatNumber } from '../../lib/energy-format.ts';
import { activityKey, activityMap, monthTco2, sourceTotal, yearMonths } from '../lib/activity-grid.ts';
import { QuantityCell } from './QuantityCell.tsx';
import { KIND_COLORS } from './SourcesTable.tsx';

/** Rows are sources, columns the twelve months of the year, with a year total per source and the month's net tCO₂. */
export function ActivityGrid(props: {
  year: number;
  sources: TCarbonSource[];
  activity: TCarbonActivity[];
  loading: boolean;
  canEdit: boolean;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const months = useMemo(() => yearMonths(props.year), [props.year]);
  const entries = useMemo(() => activityMap(props.activity), [props.activity]);
  const { sources } = props;

  return (
    <Table<TCarbonSource>
      rowKey="id"
      size="small"
      bordered
      loading={props.loading}
      dataSource={sources}
      pagination={false}
      scroll={{ x: 1500 }}
      data-testid="carbon-activity-grid"
      locale={{ emptyText: t('carbonSources.empty') }}
      columns={[
        {
          title: t('carbonSources.source'),
          key: 'source',
          fixed: 'left',
          width: 200,
          render: (_, s) => (
            <>
              <Tag color={KIND_COLORS[s.kind]} style={{ marginInlineEnd: 4 }}>
                {t(`carbonSources.kinds.${s.kind}`)}
              </Tag>
              {s.name}
              <br />
              <Typography.Text type="secondary">
                {s.code} · {s.unit}
              </Typography.Text>
            </>
          ),
        },
        ...months.map((month, i) => ({
          title: t('carbonSources.month', { month: i + 1 }),
          key: month,
          width: 100,
          render: (_: unknown, s: TCarbonSource) => (
            <QuantityCell
              source={s}
              month={month}
              value={entries.get(activityKey(s.id, month))}
              canEdit={props.canEdit}
            />
          ),
        })),
        {
          title: t('carbonSources.total'),
          key: 'total',
          fixed: 'right',
          width: 120,
          align: 'right',
          render: (_, s) => (
            <span data-testid={`activity-total-${s.code}`}>
              {formatNumber(sourceTotal(entries, s.id, months), lang, 3)} {s.unit}
            </span>
          ),
        },
      ]}
      summary={() =>
        sources.length === 0 ? null : (
          <Table.Summary fixed>
            <Table.Summary.Row>
              <Table.Summary.Cell index={0}>
                <Typography.Text strong>{t('carbonSources.monthTotal')}</Typography.Text>{' '}
                <Tooltip title={t('carbonSources.monthTotalHelp')}>
                  <QuestionCircleOutlined />
                </Tooltip>
              </Table.Summary.Cell>
              {months.map((month, i) => {
                const x = monthTco2({ sources, entries, month });
                return (
                  <Table.Summary.Cell key={month} index={i + 1} align="right">
                    <span data-testid={`activity-month-tco2-${month}`}>
                      {formatNumber(x.process - x.recovered, lang, 3)}
                    </span>
                  </Table.Summary.Cell>
                );
              })}
              <Table.Summary.Cell index={13} align="right">
                <Typography.Text strong data-testid="activity-year-tco2">
                  {formatNumber(
                    months.reduce((sum, month) => {
                      const x = monthTco2({ sources, entries, month });
                      return sum + x.process - x.recovered;
                    }, 0),
                    lang,
                    3,
                  )}
                </Typography.Text>
              </Table.Summary.Cell>
            </Table.Summary.Row>
          </Table.Summary>
        )
      }
    />
  );
}
