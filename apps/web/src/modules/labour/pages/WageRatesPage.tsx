import { useState } from 'react';
import { App, Button, DatePicker, Input, Popconfirm, Select, Space, Table, Tabs } from 'antd';
import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { TPieceRate, TTimeRate } from '@greenmes/contracts';
import { useCan } from '../../platform/hooks/use-me.ts';
import { PageCard } from '../../../shared/components/PageCard.tsx';
import { ExcelImportExport } from '../../../shared/components/ExcelImportExport.tsx';
import { RemoteSelect } from '../../../shared/components/RemoteSelect.tsx';
import { useNotifyError } from '../../../shared/hooks/use-notify-error.ts';
import { tablePagination, useListQueryState } from '../../../shared/hooks/use-list-query-state.ts';
import { searchMaterials } from '../../production/hooks/use-production-queries.ts';
import { ratesApi, type PieceRateFilters, type TimeRateFilters } from '../api/labour-api.ts';
import {
  gradeOptions,
  labourKeys,
  useGrades,
  useInvalidate,
  usePieceRates,
  useTimeRates,
} from '../hooks/use-labour-queries.ts';
import { PieceRateModal } from '../components/PieceRateModal.tsx';
import { TimeRateModal } from '../components/TimeRateModal.tsx';
import { RateResolver, useScrapText } from '../components/RateResolver.tsx';

/** 工资单价: piece rates by operation/product/grade and hourly rates by grade, with periods; the resolver. */
export function WageRatesPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const canManage = useCan('labour.rate.manage');
  const grades = useGrades();
  const scrapText = useScrapText();
  const pieceState = useListQueryState<PieceRateFilters>({});
  const timeState = useListQueryState<TimeRateFilters>({});
  const pieces = usePieceRates(pieceState.query);
  const times = useTimeRates(timeState.query);
  const invalidate = useInvalidate(labourKeys.rates);
  const [piece, setPiece] = useState<{ rate?: TPieceRate } | null>(null);
  const [time, setTime] = useState<{ rate?: TTimeRate } | null>(null);
  const remove = useMutation({
    mutationFn: (o: { kind: 'piece' | 'time'; id: string }) =>
      o.kind === 'piece' ? ratesApi.deletePiece(o.id) : ratesApi.deleteTime(o.id),
    onSuccess: () => {
      void message.success(t('common.deleted'));
      void invalidate();
    },
    onError: (e) => notifyError(e),
  });
  const period = (r: { effectiveFrom: string; effectiveTo: string | null }) =>
    `${r.effectiveFrom} ~ ${r.effectiveTo ?? t('labour.rate.openEnded')}`;
  const actions = (kind: 'piece' | 'time', r: TPieceRate | TTimeRate, edit: () => void) =>
    canManage && (
      <Space size={0}>
        <Button
          size="small"
          type="link"
          icon={<EditOutlined />}
          aria-label={t('common.edit')}
          onClick={edit}
        />
        <Popconfirm
          title={t('common.confirmDelete', { name: period(r) })}
          onConfirm={() => remove.mutate({ kind, id: r.id })}
        >
          <Button size="small" type="link" danger icon={<DeleteOutlined />} aria-label={t('common.delete')} />
        </Popconfirm>
      </Space>
    );

  const pieceTab = (
    <>
      <Space wrap style={{ marginBottom: 12, width: '100%', justifyContent: 'space-between' }}>
        <Space wrap>
          <Input.Search
            allowClear
            placeholder={t('labour.rate.search')}
            aria-label={t('labour.rate.search')}
            onSearch={(q) => pieceState.setFilter('q', q || undefined)}
            style={{ width: 240 }}
            data-testid="piece-rate-search"
          />
          <RemoteSelect
            queryKey={['production', 'material-options']}
            search={searchMaterials}
            placeholder={t('labour.rate.product')}
            value={pieceState.query.productId}
            onChange={(v) => pieceState.setFilter('productId', v ?? undefined)}
            style={{ width: 240 }}
          />
          <Select
            allowClear
            placeholder={t('labour.rate.grade')}
            options={gradeOptions(grades.data)}
            style={{ width: 140 }}
            value={pieceState.query.gradeId}
            onChange={(v) => pieceState.setFilter('gradeId', v)}
          />
          <DatePicker
            placeholder={t('labour.rate.effectiveOn')}
            onChange={(d) => pieceState.setFilter('effectiveOn', d ? d.format('YYYY-MM-DD') : undefined)}
          />
        </Space>
        <Space wrap>
          <ExcelImportExport
            testIdPrefix="piece-rates"
            canImport={canManage}
            exportXlsx={() => ratesApi.exportPiecesXlsx(pieceState.query)}
            downloadTemplate={ratesApi.piecesTemplate}
            importXlsx={ratesApi.importPiecesXlsx}
            onImported={() => void invalidate()}
          />
          {canManage && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setPiece({})}
              data-testid="piece-rate-create"
            >
              {t('labour.rate.createPiece')}
            </Button>
          )}
        </Space>
      </Space>
      <Table<TPieceRate>
        data-testid="piece-rates-table"
        rowKey="id"
        size="middle"
        scroll={{ x: 1200 }}
        loading={pieces.isFetching}
        dataSource={pieces.data?.items}
        pagination={tablePagination({
          ...pieceState.query,
          total: pieces.data?.total,
          onChange: pieceState.setPage,
          t,
        })}
        columns={[
          { title: t('labour.rate.operationCode'), dataIndex: 'operationCode', width: 100, fixed: 'left' },
          {
            title: t('labour.rate.product'),
            width: 240,
            render: (_, r) =>
              r.productCode ? `${r.productCode} ${r.productName}` : t('labour.rate.anyProduct'),
          },
          {
            title: t('labour.rate.grade'),
            width: 100,
            render: (_, r) => r.gradeName ?? t('labour.rate.anyGrade'),
          },
          { title: t('labour.rate.rate'), dataIndex: 'rate', align: 'right', width: 110 },
          { title: t('labour.rate.scrapPolicy'), width: 160, render: (_, r) => scrapText(r) },
          { title: t('labour.rate.rework'), dataIndex: 'reworkRate', align: 'right', width: 120 },
          { title: t('labour.rate.effectivePeriod'), width: 210, render: (_, r) => period(r) },
          {
            title: t('common.actions'),
            fixed: 'right',
            width: 100,
            render: (_, r) => actions('piece', r, () => setPiece({ rate: r })),
          },
        ]}
      />
    </>
  );
  const timeTab = (
    <>
      <Space wrap style={{ marginBottom: 12, width: '100%', justifyContent: 'space-between' }}>
        <Space wrap>
          <Select
            allowClear
            placeholder={t('labour.rate.grade')}
            options={gradeOptions(grades.data)}
            style={{ width: 140 }}
            value={timeState.query.gradeId}
            onChange={(v) => timeState.setFilter('gradeId', v)}
          />
          <DatePicker
            placeholder={t('labour.rate.effectiveOn')}
            onChange={(d) => timeState.setFilter('effectiveOn', d ? d.format('YYYY-MM-DD') : undefined)}
          />
        </Space>
        <Space wrap>
          <ExcelImportExport
            testIdPrefix="time-rates"
            canImport={canManage}
            exportXlsx={() => ratesApi.exportTimesXlsx(timeState.query)}
            downloadTemplate={ratesApi.timesTemplate}
            importXlsx={ratesApi.importTimesXlsx}
            onImported={() => void invalidate()}
          />
          {canManage && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setTime({})}
              data-testid="time-rate-create"
            >
              {t('labour.rate.createTime')}
            </Button>
          )}
        </Space>
      </Space>
      <Table<TTimeRate>
        data-testid="time-rates-table"
        rowKey="id"
        size="middle"
        loading={times.isFetching}
        dataSource={times.data?.items}
        pagination={tablePagination({
          ...timeState.query,
          total: times.data?.total,
          onChange: timeState.setPage,
          t,
        })}
        columns={[
          { title: t('labour.rate.grade'), render: (_, r) => `${r.gradeName} (${r.gradeCode})` },
          { title: t('labour.rate.hourly'), dataIndex: 'rate', align: 'right' },
          { title: t('labour.rate.effectivePeriod'), render: (_, r) => period(r) },
          { title: t('labour.rate.description'), dataIndex: 'description' },
          {
            title: t('common.actions'),
            width: 100,
            render: (_, r) => actions('time', r, () => setTime({ rate: r })),
          },
        ]}
      />
    </>
  );

  return (
    <PageCard title={t('labour.rate.title')} testId="wage-rates-page">
      <Tabs
        items={[
          {
            key: 'piece',
            label: <span data-testid="tab-piece">{t('labour.rate.piece')}</span>,
            children: pieceTab,
          },
          {
            key: 'time',
            label: <span data-testid="tab-time">{t('labour.rate.time')}</span>,
            children: timeTab,
          },
          {
            key: 'resolve',
            label: <span data-testid="tab-resolve">{t('labour.rate.resolve')}</span>,
            children: (
              <RateResolver operationCodes={[...new Set(pieces.data?.items.map((r) => r.operationCode))]} />
            ),
          },
        ]}
      />
      <PieceRateModal
        open={piece !== null}
        rate={piece?.rate}
        onClose={() => setPiece(null)}
        onSaved={() => {
          setPiece(null);
          void invalidate();
        }}
      />
      <TimeRateModal
        open={time !== null}
        rate={time?.rate}
        onClose={() => setTime(null)}
        onSaved={() => {
          setTime(null);
          void invalidate();
        }}
      />
    </PageCard>
  );
}
