import { useState } from 'react';
import { App, Button, DatePicker, Input, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import { CalculatorOutlined, DownloadOutlined, EyeOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import dayjs, { type Dayjs } from 'dayjs';
import type { TWageSheet } from '@greenmes/contracts';
import { useCan } from '../../platform/hooks/use-me.ts';
import { PageCard } from '../../../shared/components/PageCard.tsx';
import { useNotifyError } from '../../../shared/hooks/use-notify-error.ts';
import { tablePagination, useListQueryState } from '../../../shared/hooks/use-list-query-state.ts';
import { wageSheetsApi, type WageSheetFilters } from '../api/wage-sheets-api.ts';
import { useInvalidate, useTeamOptions } from '../hooks/use-labour-queries.ts';
import { WageSheetDrawer, wageKeys } from '../components/WageSheetDrawer.tsx';

const NUM = { align: 'right' as const };
const monthOf = (d: Dayjs) => ({
  from: d.startOf('month').format('YYYY-MM-DD'),
  to: d.endOf('month').format('YYYY-MM-DD'),
});

/** 工资单: a period's sheets (this month by default) — generate from job reports, totals, detail, approve, export. */
export function WageSheetsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const canManage = useCan('labour.wage.manage');
  const teams = useTeamOptions();
  const [month, setMonth] = useState<Dayjs | null>(dayjs());
  const { query, setFilter, setPage } = useListQueryState<WageSheetFilters>(monthOf(dayjs()));
  const list = useQuery({
    queryKey: [...wageKeys, 'list', query],
    queryFn: ({ signal }) => wageSheetsApi.list(query, signal),
    placeholderData: keepPreviousData,
  });
  const invalidate = useInvalidate(wageKeys);
  const [open, setOpen] = useState<string | null>(null);
  const setPeriod = (from: string | undefined, to: string | undefined) => {
    setFilter('from', from);
    setFilter('to', to);
  };
  const generate = useMutation({
    mutationFn: () => wageSheetsApi.generate({ periodStart: query.from!, periodEnd: query.to! }),
    onSuccess: (r) => {
      void message.success(t('wages.generated', { count: r.sheets.length }));
      if (r.skipped.length) void message.warning(t('wages.skipped', { count: r.skipped.length }));
      void invalidate();
    },
    onError: (e) => notifyError(e),
  });
  const totals = list.data?.totals;

  return (
    <PageCard
      title={t('wages.title')}
      testId="wage-sheets-page"
      filters={
        <Space wrap>
          <DatePicker
            picker="month"
            allowClear={false}
            value={month}
            aria-label={t('wages.month')}
            onChange={(d: Dayjs | null) => {
              if (!d) return;
              setMonth(d);
              const m = monthOf(d);
              setPeriod(m.from, m.to);
            }}
            data-testid="wage-month"
          />
          <DatePicker.RangePicker
            aria-label={t('wages.range')}
            placeholder={[t('wages.range'), t('wages.range')]}
            value={month ? null : [dayjs(query.from), dayjs(query.to)]}
            onChange={(range) => {
              if (!range?.[0] || !range[1]) return;
              setMonth(null);
              setPeriod(range[0].format('YYYY-MM-DD'), range[1].format('YYYY-MM-DD'));
            }}
            data-testid="wage-range"
          />
          <Input.Search
            allowClear
            placeholder={t('wages.search')}
            aria-label={t('wages.search')}
            onSearch={(q) => setFilter('q', q || undefined)}
            style={{ width: 220 }}
            data-testid="wage-search"
          />
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('wages.team')}
            options={teams}
            style={{ width: 220 }}
            value={query.teamId}
            onChange={(v) => setFilter('teamId', v)}
          />
          <Select
            allowClear
            placeholder={t('wages.status')}
            options={(['draft', 'approved'] as const).map((s) => ({
              value: s,
              label: t(`wages.statuses.${s}`),
            }))}
            style={{ width: 120 }}
            value={query.status}
            onChange={(v) => setFilter('status', v)}
            data-testid="wage-filter-status"
          />
        </Space>
      }
      extra={
        <Space wrap>
          <Button
            icon={<DownloadOutlined />}
            onClick={() => void wageSheetsApi.exportXlsx(query).catch((e: unknown) => notifyError(e))}
            data-testid="wage-export"
          >
            {t('wages.export')}
          </Button>
          {canManage && (
            <Popconfirm
              title={t('wages.generateConfirm', { from: query.from, to: query.to })}
              onConfirm={() => generate.mutate()}
              okButtonProps={{ 'data-testid': 'wage-generate-ok' }}
            >
              <Button
                type="primary"
                icon={<CalculatorOutlined />}
                loading={generate.isPending}
                data-testid="wage-generate"
              >
                {t('wages.generate')}
              </Button>
            </Popconfirm>
          )}
        </Space>
      }
    >
      <Table<TWageSheet>
        data-testid="wage-sheets-table"
        rowKey="id"
        size="middle"
        scroll={{ x: 1380 }}
        loading={list.isFetching}
        dataSource={list.data?.items}
        locale={{ emptyText: t('wages.empty') }}
        onRow={(s) => ({ onClick: () => setOpen(s.id), style: { cursor: 'pointer' } })}
        pagination={tablePagination({ ...query, total: list.data?.total, onChange: setPage, t })}
        columns={[
          { title: t('wages.employeeNo'), dataIndex: 'employeeNo', width: 100, fixed: 'left' },
          { title: t('wages.name'), dataIndex: 'workerName', width: 90 },
          {
            title: t('wages.team'),
            width: 170,
            render: (_, s) => (s.teamCode ? `${s.teamCode} ${s.teamName}` : ''),
          },
          { title: t('wages.grade'), dataIndex: 'gradeName', width: 80 },
          {
            title: t('wages.period'),
            width: 190,
            render: (_, s) => `${s.periodStart} ~ ${s.periodEnd}`,
          },
          { title: t('wages.hours'), dataIndex: 'hours', width: 90, ...NUM },
          { title: t('wages.pieceAmount'), dataIndex: 'pieceAmount', width: 100, ...NUM },
          { title: t('wages.scrapAmount'), dataIndex: 'scrapAmount', width: 100, ...NUM },
          { title: t('wages.reworkAmount'), dataIndex: 'reworkAmount', width: 100, ...NUM },
          { title: t('wages.timeAmount'), dataIndex: 'timeAmount', width: 100, ...NUM },
          {
            title: t('wages.warnings'),
            dataIndex: 'warningCount',
            width: 70,
            render: (n: number) => (n > 0 ? <Tag color="warning">{n}</Tag> : null),
          },
          {
            title: t('wages.status'),
            dataIndex: 'status',
            width: 90,
            render: (v: TWageSheet['status']) => (
              <Tag color={v === 'approved' ? 'success' : 'default'}>{t(`wages.statuses.${v}`)}</Tag>
            ),
          },
          {
            title: t('wages.totalAmount'),
            dataIndex: 'totalAmount',
            width: 110,
            fixed: 'right',
            ...NUM,
            render: (v: string) => <strong>{v}</strong>,
          },
          {
            title: t('common.actions'),
            width: 70,
            fixed: 'right',
            render: (_, s) => (
              <Button
                size="small"
                type="link"
                icon={<EyeOutlined />}
                aria-label={t('wages.view')}
                onClick={(e) => {
                  e.stopPropagation();
                  setOpen(s.id);
                }}
              />
            ),
          },
        ]}
        summary={() =>
          totals && (list.data?.total ?? 0) > 0 ? (
            <Table.Summary fixed>
              <Table.Summary.Row data-testid="wage-sheets-sum">
                <Table.Summary.Cell index={0} colSpan={5}>
                  <Typography.Text strong>{t('wages.sum')}</Typography.Text>
                </Table.Summary.Cell>
                <Table.Summary.Cell index={5} align="right">
                  {totals.hours}
                </Table.Summary.Cell>
                <Table.Summary.Cell index={6} align="right">
                  {totals.pieceAmount}
                </Table.Summary.Cell>
                <Table.Summary.Cell index={7} align="right">
                  {totals.scrapAmount}
                </Table.Summary.Cell>
                <Table.Summary.Cell index={8} align="right">
                  {totals.reworkAmount}
                </Table.Summary.Cell>
                <Table.Summary.Cell index={9} align="right">
                  {totals.timeAmount}
                </Table.Summary.Cell>
                <Table.Summary.Cell index={10} colSpan={2} />
                <Table.Summary.Cell index={12} align="right">
                  <strong data-testid="wage-sheets-total">{totals.totalAmount}</strong>
                </Table.Summary.Cell>
                <Table.Summary.Cell index={13} />
              </Table.Summary.Row>
            </Table.Summary>
          ) : null
        }
      />
      <WageSheetDrawer sheetId={open} onClose={() => setOpen(null)} />
    </PageCard>
  );
}
