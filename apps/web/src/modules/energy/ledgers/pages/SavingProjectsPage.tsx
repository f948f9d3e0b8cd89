import { useState } from 'react';
import { App, Button, Input, Popconfirm, Select, Space, Table, Tag } from 'antd';
import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import {
  SAVING_MEASURE_TYPES,
  SAVING_PROJECT_STATUSES,
  SAVING_PROJECT_TRANSITIONS,
  type SavingProjectStatus,
  type TSavingProject,
} from '@greenmes/contracts';
import { useCan } from '../../../platform/hooks/use-me.ts';
import { PageCard } from '../../../../shared/components/PageCard.tsx';
import { ExcelImportExport } from '../../../../shared/components/ExcelImportExport.tsx';
import { useNotifyError } from '../../../../shared/hooks/use-notify-error.ts';
import { tablePagination, useListQueryState } from '../../../../shared/hooks/use-list-query-state.ts';
import { savingProjectsApi, type SavingProjectFilters } from '../api/ledgers-api.ts';
import {
  ledgerKeys,
  useInvalidateLedger,
  useSavingProjects,
  useSavingTotals,
} from '../hooks/use-ledger-queries.ts';
import { usePlantOptions } from '../hooks/use-ledger-options.ts';
import { SavingProjectDrawer } from '../components/SavingProjectDrawer.tsx';
import { SavingTotalsCards } from '../components/SavingTotalsCards.tsx';

const STATUS_COLOR: Record<SavingProjectStatus, string> = {
  planned: 'default',
  ongoing: 'processing',
  done: 'success',
  cancelled: 'error',
};

/** 节能项目台账: the projects, their lifecycle and what they saved. */
export function SavingProjectsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const canManage = useCan('energy.project.manage');
  const { places } = usePlantOptions();
  const { query, setFilter, setPage } = useListQueryState<SavingProjectFilters>({});
  const list = useSavingProjects(query);
  const totals = useSavingTotals(query);
  const invalidate = useInvalidateLedger(ledgerKeys.projects);
  const [editing, setEditing] = useState<{ project?: TSavingProject } | null>(null);
  const onDone = (key: string) => () => {
    void message.success(t(key));
    void invalidate();
  };
  const remove = useMutation({
    mutationFn: (id: string) => savingProjectsApi.delete(id),
    onSuccess: onDone('common.deleted'),
    onError: (e) => notifyError(e),
  });
  const move = useMutation({
    mutationFn: (o: { id: string; status: SavingProjectStatus }) =>
      savingProjectsApi.transition(o.id, o.status),
    onSuccess: onDone('common.saved'),
    onError: (e) => notifyError(e),
  });
  const years = Array.from({ length: 8 }, (_, i) => dayjs().year() + 1 - i).map((y) => ({
    value: y,
    label: y,
  }));

  return (
    <PageCard
      title={t('menu.savingProjects')}
      testId="saving-projects-page"
      filters={
        <Space wrap>
          <Input.Search
            allowClear
            placeholder={t('ledgers.project.search')}
            aria-label={t('ledgers.project.search')}
            onSearch={(q) => setFilter('q', q || undefined)}
            style={{ width: 220 }}
            data-testid="project-search"
          />
          <Select
            allowClear
            placeholder={t('ledgers.project.node')}
            options={places}
            style={{ width: 200 }}
            value={query.nodeId}
            onChange={(v) => setFilter('nodeId', v)}
          />
          <Select
            allowClear
            placeholder={t('ledgers.project.status')}
            options={SAVING_PROJECT_STATUSES.map((s) => ({
              value: s,
              label: t(`ledgers.project.statuses.${s}`),
            }))}
            style={{ width: 130 }}
            value={query.status}
            onChange={(v) => setFilter('status', v)}
          />
          <Select
            allowClear
            placeholder={t('ledgers.project.measureType')}
            options={SAVING_MEASURE_TYPES.map((m) => ({
              value: m,
              label: t(`ledgers.project.measure.${m}`),
            }))}
            style={{ width: 160 }}
            value={query.measureType}
            onChange={(v) => setFilter('measureType', v)}
          />
          <Select
            allowClear
            placeholder={t('ledgers.project.year')}
            options={years}
            style={{ width: 110 }}
            value={query.year}
            onChange={(v) => setFilter('year', v)}
          />
        </Space>
      }
      extra={
        <Space wrap>
          <ExcelImportExport
            testIdPrefix="saving-projects"
            canImport={canManage}
            exportXlsx={() => savingProjectsApi.exportXlsx(query)}
            downloadTemplate={savingProjectsApi.template}
            importXlsx={savingProjectsApi.importXlsx}
            onImported={() => void invalidate()}
          />
          {canManage && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setEditing({})}
              data-testid="project-create"
            >
              {t('ledgers.project.create')}
            </Button>
          )}
        </Space>
      }
    >
      <SavingTotalsCards totals={totals.data} />
      <Table<TSavingProject>
        data-testid="saving-projects-table"
        rowKey="id"
        size="middle"
        scroll={{ x: 1300 }}
        loading={list.isFetching}
        dataSource={list.data?.items}
        pagination={tablePagination({ ...query, total: list.data?.total, onChange: setPage, t })}
        columns={[
          { title: t('ledgers.project.code'), dataIndex: 'code', fixed: 'left', width: 120 },
          { title: t('ledgers.project.name'), dataIndex: 'name', width: 220 },
          { title: t('ledgers.project.node'), render: (_, p) => p.nodeName, width: 120 },
          {
            title: t('ledgers.project.measureType'),
            dataIndex: 'measureType',
            render: (m: string) => t(`ledgers.project.measure.${m}`),
            width: 120,
          },
          {
            title: t('ledgers.project.status'),
            dataIndex: 'status',
            width: 90,
            render: (s: SavingProjectStatus) => (
              <Tag color={STATUS_COLOR[s]}>{t(`ledgers.project.statuses.${s}`)}</Tag>
            ),
          },
          {
            title: `${t('ledgers.project.startDate')} ~ ${t('ledgers.project.finishDate')}`,
            render: (_, p) => `${p.startDate ?? '—'} ~ ${p.finishDate ?? '—'}`,
            width: 200,
          },
          { title: t('ledgers.project.investment'), dataIndex: 'investment', align: 'right', width: 110 },
          {
            title: t('ledgers.project.expectedSavingsTce'),
            dataIndex: 'expectedSavingsTce',
            align: 'right',
            width: 130,
          },
          {
            title: t('ledgers.project.verifiedSavingsTce'),
            dataIndex: 'verifiedSavingsTce',
            align: 'right',
            width: 130,
            render: (v: string | null) => v ?? '—',
          },
          {
            title: t('ledgers.project.payback'),
            dataIndex: 'simplePaybackYears',
            align: 'right',
            width: 120,
          },
          ...(canManage
            ? [
                {
                  title: t('common.actions'),
                  key: 'actions',
                  fixed: 'right' as const,
                  width: 230,
                  render: (_: unknown, p: TSavingProject) => (
                    <Space size={0} wrap>
                      {SAVING_PROJECT_TRANSITIONS[p.status].map((status) => (
                        <Popconfirm
                          key={status}
                          title={t('ledgers.project.confirmAction', {
                            code: p.code,
                            status: t(`ledgers.project.statuses.${status}`),
                          })}
                          onConfirm={() => move.mutate({ id: p.id, status })}
                        >
                          <Button
                            size="small"
                            type="link"
                            danger={status === 'cancelled'}
                            data-testid={`project-${status}`}
                          >
                            {t(`ledgers.project.action.${status}`)}
                          </Button>
                        </Popconfirm>
                      ))}
                      <Button
                        size="small"
                        type="link"
                        icon={<EditOutlined />}
                        aria-label={t('common.edit')}
                        onClick={() => setEditing({ project: p })}
                      />
                      <Popconfirm
                        title={t('common.confirmDelete', { name: p.name })}
                        onConfirm={() => remove.mutate(p.id)}
                      >
                        <Button
                          size="small"
                          type="link"
                          danger
                          icon={<DeleteOutlined />}
                          aria-label={t('common.delete')}
                        />
                      </Popconfirm>
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      <SavingProjectDrawer
        open={editing !== null}
        project={editing?.project}
        onClose={() => setEditing(null)}
        onSaved={() => void invalidate()}
      />
    </PageCard>
  );
}
