import { useState, type HTMLAttributes } from 'react';
import { Alert, InputNumber, Space, Table, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { QuestionCircleOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../../../shared/lib/error-message.ts';
import { useMediumLabel } from '../../hooks/use-energy-options.ts';
import { formatNumber } from '../../lib/energy-format.ts';
import { table1Lines, type Table1Line } from '../lib/table1-lines.ts';
import { tablesApi, type Table1Query } from '../api/tables-api.ts';
import { useEnergyTable1 } from '../hooks/use-tables-queries.ts';
import { PrintButton } from '../../../../shared/components/PrintButton.tsx';
import { ExportExcelButton } from './ExportExcelButton.tsx';
import { Table1Print } from './Table1Print.tsx';
import { YearPicker } from './YearPicker.tsx';

/** `isActive`: only the tab on show mounts its print layout, so the paper carries one table. */
export function Table1View(props: { isActive: boolean }) {
  const { t, i18n } = useTranslation();
  const mediumLabel = useMediumLabel();
  const [query, setQuery] = useState<Table1Query>({ years: 3 });
  const table = useEnergyTable1(query);
  const data = table.data;
  const lines = data ? table1Lines(data, mediumLabel, t) : [];
  const qty = (v: number | null, line: Table1Line) => (line.isTotal ? '' : formatNumber(v, i18n.language, 2));
  const tce = (v: number | null, line: Table1Line) => {
    const text = formatNumber(v, i18n.language, 4);
    return line.isTotal ? <strong>{text}</strong> : text;
  };

  const yearColumns = (data?.years ?? []).map((year, i) => ({
    key: `y${year}`,
    title: t('energyTables.table1.yearTitle', { year }),
    children: [
      {
        key: `y${year}-q`,
        title: t('energyTables.table1.quantity'),
        align: 'right' as const,
        render: (_: unknown, line: Table1Line) => qty(line.quantities[i] ?? null, line),
      },
      {
        key: `y${year}-t`,
        title: t('energyTables.table1.tce'),
        align: 'right' as const,
        render: (_: unknown, line: Table1Line) => tce(line.tce[i] ?? null, line),
      },
    ],
  }));
  const forecastColumn = data && {
    key: 'forecast',
    title: (
      <Tooltip title={t('energyTables.table1.forecastNote')}>
        <span data-testid="table1-forecast-header">
          <Typography.Text type="warning">
            {t('energyTables.table1.forecastTitle', { year: data.forecastYear })}
          </Typography.Text>{' '}
          <QuestionCircleOutlined />
        </span>
      </Tooltip>
    ),
    children: [
      {
        key: 'forecast-q',
        title: t('energyTables.table1.quantity'),
        align: 'right' as const,
        render: (_: unknown, line: Table1Line) => (
          <Typography.Text type="secondary">{qty(line.forecastQuantity, line)}</Typography.Text>
        ),
      },
      {
        key: 'forecast-t',
        title: t('energyTables.table1.tce'),
        align: 'right' as const,
        render: (_: unknown, line: Table1Line) => (
          <Typography.Text type="secondary">{tce(line.forecastTce, line)}</Typography.Text>
        ),
      },
    ],
  };
  const columns: ColumnsType<Table1Line> = [
    {
      key: 'medium',
      title: t('energyTables.table1.medium'),
      fixed: 'left',
      render: (_, line) => (line.isTotal ? <strong>{line.label}</strong> : line.label),
    },
    { key: 'unit', title: t('energyTables.table1.unit'), dataIndex: 'unit' },
    ...yearColumns,
    ...(forecastColumn ? [forecastColumn] : []),
  ];

  return (
    <div data-testid="energy-table1">
      <Space wrap style={{ marginBottom: 16, width: '100%', justifyContent: 'space-between' }}>
        <Space wrap>
          <span>{t('energyTables.lastYear')}</span>
          <YearPicker
            ariaLabel={t('energyTables.lastYear')}
            testId="table1-year"
            value={query.year ?? data?.years.at(-1)}
            onChange={(year) => setQuery((q) => ({ ...q, year }))}
          />
          <span>{t('energyTables.years')}</span>
          <InputNumber
            aria-label={t('energyTables.years')}
            data-testid="table1-years"
            min={1}
            max={10}
            precision={0}
            value={query.years}
            onChange={(years) => years && setQuery((q) => ({ ...q, years }))}
            suffix={t('energyTables.yearsSuffix')}
            style={{ width: 100 }}
          />
        </Space>
        <Space>
          <PrintButton testId="table1-print-button" disabled={!data} />
          <ExportExcelButton testId="table1-export" download={() => tablesApi.exportTable1(query)} />
        </Space>
      </Space>
      <Typography.Paragraph type="secondary">{t('energyTables.table1.help')}</Typography.Paragraph>
      {table.isError && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('energyTables.loadFailed')}
          description={errorMessage(table.error, t)}
        />
      )}
      <Table<Table1Line>
        rowKey="key"
        size="middle"
        bordered
        data-testid="table1-table"
        loading={table.isFetching}
        dataSource={lines}
        columns={columns}
        pagination={false}
        scroll={{ x: 'max-content' }}
        rowClassName={(line) => (line.isTotal ? 'energy-table-total' : '')}
        onRow={(line) => ({ 'data-testid': `table1-row-${line.key}` }) as HTMLAttributes<HTMLElement>}
        locale={{ emptyText: table.isError ? ' ' : t('energyTables.table1.empty') }}
      />
      {props.isActive && data && <Table1Print data={data} lines={lines} />}
    </div>
  );
}
