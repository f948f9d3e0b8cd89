import { useMemo, useState } from 'react';
import { Button, Card, Table, Tag, Typography } from 'antd';
import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { TEnergyYearSettingsResult } from '@greenmes/contracts';
import { useCan } from '../../platform/hooks/use-me.ts';
import { formatDateTime } from '../../../shared/lib/format.ts';
import { formatNumber } from '../lib/energy-format.ts';
import { useFactors, useYearSettings, useYearSettingsList } from '../hooks/use-energy-queries.ts';
import { YearSettingsModal } from './YearSettingsModal.tsx';

const THIS_YEAR = new Date().getFullYear();

/** The chosen years, plus this year even when unset, so the defaults in force are always visible. */
export function YearSettingsCard() {
  const { t, i18n } = useTranslation();
  const canManage = useCan('energy.factor.manage');
  const list = useYearSettingsList();
  const thisYear = useYearSettings(THIS_YEAR);
  const factors = useFactors();
  const [editing, setEditing] = useState<{ year: number | null } | null>(null);
  const y = (key: string) => t(`energy.years.${key}`);
  const num = (v: number) => formatNumber(v, i18n.language, 6);

  const gridNames = useMemo(
    () => new Map((factors.data ?? []).filter((f) => f.kind === 'grid').map((f) => [f.key, f.name])),
    [factors.data],
  );
  const rows = useMemo(() => {
    const chosen = list.data ?? [];
    const extra = thisYear.data && !chosen.some((r) => r.year === THIS_YEAR) ? [thisYear.data] : [];
    return [...chosen, ...extra].sort((a, b) => b.year - a.year);
  }, [list.data, thisYear.data]);

  return (
    <Card
      title={y('title')}
      data-testid="year-settings"
      extra={
        canManage && (
          <Button
            icon={<PlusOutlined />}
            onClick={() => setEditing({ year: null })}
            data-testid="year-settings-add"
          >
            {y('add')}
          </Button>
        )
      }
    >
      <Typography.Paragraph type="secondary">{y('help')}</Typography.Paragraph>
      <Table<TEnergyYearSettingsResult>
        size="small"
        rowKey="year"
        loading={list.isFetching || thisYear.isFetching}
        dataSource={rows}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: y('empty') }}
        data-testid="year-settings-table"
        columns={[
          {
            title: y('year'),
            dataIndex: 'year',
            render: (year: number, row) => (
              <>
                {year}
                {row.isDefault && (
                  <Tag style={{ marginLeft: 8 }} data-testid="year-settings-default">
                    {y('isDefault')}
                  </Tag>
                )}
              </>
            ),
          },
          {
            title: y('gridFactor'),
            render: (_, row) => (
              <>
                {num(row.gridEmissionFactorTco2PerMWh)} tCO₂/MWh
                <Typography.Text type="secondary" style={{ marginLeft: 8 }}>
                  {gridNames.get(row.gridFactorKey) ?? row.gridFactorKey}
                </Typography.Text>
              </>
            ),
          },
          {
            title: y('equalValue'),
            dataIndex: 'electricityEqualValueKgcePerKwh',
            align: 'right',
            render: num,
          },
          { title: y('heatFactor'), dataIndex: 'heatEmissionFactorTco2PerGj', align: 'right', render: num },
          { title: y('note'), dataIndex: 'note', render: (v: string | null | undefined) => v ?? '—' },
          {
            title: y('updated'),
            render: (_, row) =>
              row.updatedAt ? `${row.updatedBy ?? ''} ${formatDateTime(row.updatedAt)}`.trim() : '—',
          },
          ...(canManage
            ? [
                {
                  title: t('common.actions'),
                  key: 'actions',
                  width: 80,
                  render: (_: unknown, row: TEnergyYearSettingsResult) => (
                    <Button
                      size="small"
                      type="link"
                      icon={<EditOutlined />}
                      aria-label={t('common.edit')}
                      onClick={() => setEditing({ year: row.year })}
                      data-testid={`year-settings-edit-${row.year}`}
                    />
                  ),
                },
              ]
            : []),
        ]}
      />
      <YearSettingsModal
        open={editing !== null}
        year={editing?.year ?? null}
        onClose={() => setEditing(null)}
      />
    </Card>
  );
}
