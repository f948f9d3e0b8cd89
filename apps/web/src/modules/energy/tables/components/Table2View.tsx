import { useState, type HTMLAttributes } from 'react';
import { Alert, Empty, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { TEnergyTable2 } from '@greenmes/contracts';
import { useCan } from '../../../platform/hooks/use-me.ts';
import { errorMessage } from '../../../../shared/lib/error-message.ts';
import { formatNumber } from '../../lib/energy-format.ts';
import { tablesApi, type Table2Query } from '../api/tables-api.ts';
import { useEnergyTable2 } from '../hooks/use-tables-queries.ts';
import { PrintButton } from '../../../../shared/components/PrintButton.tsx';
import { ExportExcelButton } from './ExportExcelButton.tsx';
import { Table2Print } from './Table2Print.tsx';
import { YearPicker } from './YearPicker.tsx';

type Table2Row = TEnergyTable2['rows'][number];

/** Met / missed the limit in green / red; nothing to compare (no limit, no qualified output): a dash. */
export function MeetsLimitTag(props: { meets: boolean | null; testId?: string }) {
  const { t } = useTranslation();
  if (props.meets === null) return <>—</>;
  return (
    <Tag color={props.meets ? 'green' : 'red'} data-testid={props.testId}>
      {props.meets ? t('energyTables.table2.meets') : t('energyTables.table2.exceeds')}
    </Tag>
  );
}

/** Table 2: the main products' unit comprehensive energy consumption, year on year and against the limit. */
export function Table2View(props: { isActive: boolean }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const canOpenProducts = useCan('energy.economics.read');
  const [query, setQuery] = useState<Table2Query>({});
  const table = useEnergyTable2(query);
  const year = query.year ?? table.data?.year;
  const num = (digits: number) => (v: number | null) => formatNumber(v, lang, digits);
  const link = (to: string, label: string) => (canOpenProducts ? <Link to={to}>{label}</Link> : label);

  return (
    <div data-testid="energy-table2">
      <Space wrap style={{ marginBottom: 16, width: '100%', justifyContent: 'space-between' }}>
        <Space wrap>
          <span>{t('energyTables.year')}</span>
          <YearPicker
            ariaLabel={t('energyTables.year')}
            testId="table2-year"
            value={year}
            onChange={(y) => setQuery({ year: y })}
          />
        </Space>
        <Space>
          <PrintButton testId="table2-print-button" disabled={!table.data} />
          <ExportExcelButton testId="table2-export" download={() => tablesApi.exportTable2(query)} />
        </Space>
      </Space>
      <Typography.Paragraph type="secondary">{t('energyTables.table2.help')}</Typography.Paragraph>
      {table.isError && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('energyTables.loadFailed')}
          description={errorMessage(table.error, t)}
        />
      )}
      <Table<Table2Row>
        rowKey="materialId"
        size="middle"
        bordered
        data-testid="table2-table"
        loading={table.isFetching}
        dataSource={table.data?.rows ?? []}
        pagination={false}
        scroll={{ x: 'max-content' }}
        onRow={(r) => ({ 'data-testid': `table2-row-${r.materialCode}` }) as HTMLAttributes<HTMLElement>}
        locale={{
          emptyText: table.isError ? (
            ' '
          ) : (
            <Empty
              data-testid="table2-empty"
              description={
                <Space orientation="vertical" size={4}>
                  <span>{t('energyTables.table2.empty')}</span>
                  <span>
                    {link('/energy/products', t('energyTables.table2.emptyNodes'))}
                    {' · '}
                    {link('/energy/economics', t('energyTables.table2.emptyOutput'))}
                  </span>
                </Space>
              }
            />
          ),
        }}
        columns={[
          { key: 'no', title: t('energyTables.table2.no'), width: 56, render: (_, __, i) => i + 1 },
          {
            key: 'product',
            title: t('energyTables.table2.product'),
            render: (_, r) => (
              <Space orientation="vertical" size={0}>
                <span>{r.materialName}</span>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {r.materialCode}
                </Typography.Text>
              </Space>
            ),
          },
          { key: 'unit', title: t('energyTables.table2.unit'), dataIndex: 'unit' },
          {
            key: 'output',
            title: t('energyTables.table2.output', { year: year ?? '' }),
            dataIndex: 'output',
            align: 'right',
            render: num(2),
          },
          {
            key: 'qualified',
            title: t('energyTables.table2.qualified'),
            dataIndex: 'qualifiedOutput',
            align: 'right',
            render: num(2),
          },
          {
            key: 'tce',
            title: t('energyTables.table2.tce'),
            children: [
              {
                key: 'tceEquivalent',
                title: t('energyTables.table2.equivalent'),
                dataIndex: 'tceEquivalent',
                align: 'right',
                render: num(4),
              },
              {
                key: 'tceEqual',
                title: t('energyTables.table2.equal'),
                dataIndex: 'tceEqual',
                align: 'right',
                render: num(4),
              },
            ],
          },
          {
            key: 'unitKgce',
            title: t('energyTables.table2.unitKgce'),
            children: [
              {
                key: 'unitEquivalent',
                title: t('energyTables.table2.equivalent'),
                dataIndex: 'unitKgceEquivalent',
                align: 'right',
                render: num(3),
              },
              {
                key: 'unitEqual',
                title: t('energyTables.table2.equal'),
                dataIndex: 'unitKgceEqual',
                align: 'right',
                render: num(3),
              },
            ],
          },
          {
            key: 'lastYear',
            title: t('energyTables.table2.lastYear', { year: year === undefined ? '' : year - 1 }),
            dataIndex: 'lastYearUnitKgceEquivalent',
            align: 'right',
            render: num(3),
          },
          {
            key: 'change',
            title: t('energyTables.table2.change'),
            dataIndex: 'changePct',
            align: 'right',
            render: (v: number | null) =>
              v === null ? (
                '—'
              ) : (
                <Typography.Text type={v > 0 ? 'danger' : 'success'}>
                  {`${v > 0 ? '+' : ''}${formatNumber(v, lang, 1)}%`}
                </Typography.Text>
              ),
          },
          {
            key: 'limit',
            title: t('energyTables.table2.limit'),
            render: (_, r) =>
              r.limitKgcePerUnit === null ? (
                '—'
              ) : (
                <Tooltip title={r.limitStandard}>
                  <Space orientation="vertical" size={0}>
                    <span>
                      {formatNumber(r.limitKgcePerUnit, lang, 3)}
                      {r.limitValueKind && (
                        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                          {` (${t(`energyTables.table2.${r.limitValueKind}`)})`}
                        </Typography.Text>
                      )}
                    </span>
                    {r.limitStandard && (
                      <Typography.Text type="secondary" style={{ fontSize: 12 }} ellipsis>
                        {r.limitStandard}
                      </Typography.Text>
                    )}
                  </Space>
                </Tooltip>
              ),
          },
          {
            key: 'meets',
            title: t('energyTables.table2.meetsTitle'),
            render: (_, r) => (
              <MeetsLimitTag meets={r.meetsLimit} testId={`table2-meets-${r.materialCode}`} />
            ),
          },
        ]}
      />
      {table.data && (
        <Typography.Paragraph type="secondary" style={{ marginTop: 12, fontSize: 12 }}>
          {t('energyTables.table2.method')}
        </Typography.Paragraph>
      )}
      {props.isActive && table.data && <Table2Print data={table.data} />}
    </div>
  );
}
