import { useState, type HTMLAttributes } from 'react';
import { Alert, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { TEnergyTable3 } from '@greenmes/contracts';
import { useCan } from '../../../platform/hooks/use-me.ts';
import { errorMessage } from '../../../../shared/lib/error-message.ts';
import { useMediumLabel } from '../../hooks/use-energy-options.ts';
import { formatNumber } from '../../lib/energy-format.ts';
import { tablesApi, type Table3Query } from '../api/tables-api.ts';
import { useEnergyTable3 } from '../hooks/use-tables-queries.ts';
import { PrintButton } from '../../../../shared/components/PrintButton.tsx';
import { ExportExcelButton } from './ExportExcelButton.tsx';
import { Table3Print } from './Table3Print.tsx';
import { YearPicker } from './YearPicker.tsx';

type Table3Row = TEnergyTable3['rows'][number];

/** `isActive`: only the tab on show mounts its print layout, so the paper carries one table. */
export function Table3View(props: { isActive: boolean }) {
  const { t, i18n } = useTranslation();
  const mediumLabel = useMediumLabel();
  const canOpenEquipment = useCan('modeling.equipment.read');
  const [query, setQuery] = useState<Table3Query>({});
  const table = useEnergyTable3(query);
  const year = query.year ?? table.data?.year;
  const text = (v: string | null) => v ?? '—';

  return (
    <div data-testid="energy-table3">
      <Space wrap style={{ marginBottom: 16, width: '100%', justifyContent: 'space-between' }}>
        <Space wrap>
          <span>{t('energyTables.year')}</span>
          <YearPicker
            ariaLabel={t('energyTables.year')}
            testId="table3-year"
            value={year}
            onChange={(y) => setQuery({ year: y })}
          />
        </Space>
        <Space>
          <PrintButton testId="table3-print-button" disabled={!table.data} />
          <ExportExcelButton testId="table3-export" download={() => tablesApi.exportTable3(query)} />
        </Space>
      </Space>
      <Typography.Paragraph type="secondary">{t('energyTables.table3.help')}</Typography.Paragraph>
      {table.isError && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('energyTables.loadFailed')}
          description={errorMessage(table.error, t)}
        />
      )}
      <Table<Table3Row>
        rowKey="equipmentId"
        size="middle"
        data-testid="table3-table"
        loading={table.isFetching}
        dataSource={table.data?.rows ?? []}
        pagination={false}
        scroll={{ x: 'max-content' }}
        onRow={(r) => ({ 'data-testid': `table3-row-${r.code}` }) as HTMLAttributes<HTMLElement>}
        locale={{ emptyText: table.isError ? ' ' : t('energyTables.table3.empty') }}
        columns={[
          { key: 'no', title: t('energyTables.table3.no'), width: 64, render: (_, __, i) => i + 1 },
          {
            key: 'code',
            title: t('energyTables.table3.code'),
            dataIndex: 'code',
            // the equipment register has no detail route; its search narrows the list to this code
            render: (code: string) =>
              canOpenEquipment ? (
                <Tooltip title={t('energyTables.table3.openEquipment')}>
                  <Link to={`/modeling/equipment?q=${encodeURIComponent(code)}`}>{code}</Link>
                </Tooltip>
              ) : (
                code
              ),
          },
          { key: 'name', title: t('energyTables.table3.name'), dataIndex: 'name' },
          { key: 'area', title: t('energyTables.table3.area'), dataIndex: 'area', render: text },
          { key: 'model', title: t('energyTables.table3.model'), dataIndex: 'model', render: text },
          {
            key: 'manufacturer',
            title: t('energyTables.table3.manufacturer'),
            dataIndex: 'manufacturer',
            render: text,
          },
          {
            key: 'ratedPower',
            title: t('energyTables.table3.ratedPower'),
            dataIndex: 'ratedPowerKw',
            align: 'right',
            render: (v: number | null) => formatNumber(v, i18n.language, 2),
          },
          {
            key: 'media',
            title: t('energyTables.table3.media'),
            dataIndex: 'energyMedia',
            render: (media: string[]) =>
              media.length ? media.map((m) => <Tag key={m}>{mediumLabel(m)}</Tag>) : '—',
          },
          {
            key: 'commissioningDate',
            title: t('energyTables.table3.commissioningDate'),
            dataIndex: 'commissioningDate',
            render: text,
          },
          {
            key: 'eliminated',
            title: t('energyTables.table3.eliminated'),
            render: (_, r) =>
              r.isEliminatedModel ? (
                <Space size={4} wrap data-testid={`table3-eliminated-${r.code}`}>
                  <Tag color="red">{t('energyTables.table3.eliminatedTag')}</Tag>
                  {r.phaseOutDate && (
                    <Typography.Text type="danger">
                      {t('energyTables.table3.phaseOut', { date: r.phaseOutDate })}
                    </Typography.Text>
                  )}
                </Space>
              ) : (
                '—'
              ),
          },
          {
            key: 'tce',
            title: t('energyTables.table3.consumption', { year: year ?? '' }),
            align: 'right',
            render: (_, r) =>
              r.tceEquivalent === null ? (
                <Typography.Text type="secondary">{t('energyTables.table3.notMetered')}</Typography.Text>
              ) : (
                <Tooltip title={t('energyTables.table3.meters', { meters: r.meters.join(', ') })}>
                  {formatNumber(r.tceEquivalent, i18n.language, 4)}
                </Tooltip>
              ),
          },
        ]}
      />
      {props.isActive && table.data && <Table3Print data={table.data} />}
    </div>
  );
}
