import { useState } from 'react';
import { Alert, Button, Card, Descriptions, Space, Spin, Table, Tabs, Tag, Typography } from 'antd';
import {
  ArrowLeftOutlined,
  EditOutlined,
  MergeCellsOutlined,
  ScissorOutlined,
  PrinterOutlined,
  SendOutlined,
} from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import dayjs from 'dayjs';
import type { TWorkOrder, TWorkOrderOperation } from '@greenmes/contracts';
import { useCan } from '../../platform/hooks/use-me.ts';
import { PageCard } from '../../../shared/components/PageCard.tsx';
import { errorMessage } from '../../../shared/lib/error-message.ts';
import { useWorkOrder, useWorkOrderHistory, workOrderKeys } from '../hooks/use-work-order-queries.ts';
import { WorkOrderActions } from '../components/WorkOrderActions.tsx';
import { MergeDialog, SplitDialog } from '../components/SplitMergeDialogs.tsx';
import { DispatchDrawer } from '../components/DispatchDrawer.tsx';
import { WorkOrderEnergyTab } from '../components/WorkOrderEnergyTab.tsx';
import { WorkOrderLotsTab } from '../components/WorkOrderLotsTab.tsx';
import { WorkOrderEditDialog } from '../components/WorkOrderEditDialog.tsx';
import { workOrdersApi } from '../api/work-orders-api.ts';
import { OPERATION_COLOR, WORK_ORDER_COLOR } from '../lib/work-order-status.ts';
import { JobReportsTable } from '../components/JobReportsTable.tsx';
import { OperationCardDialog } from '../components/OperationCardDialog.tsx';
import { AndonFlags } from '../components/AndonFlags.tsx';
import { useAndonExceptions } from '../hooks/use-andon-queries.ts';
import { LIVE_FALLBACK_POLL_MS, useProductionEvents } from '../hooks/use-production-events.ts';

const time = (v: string | null) => (v ? dayjs(v).format('YYYY-MM-DD HH:mm') : '—');
const isOnFloor = (w: TWorkOrder) => w.status === 'released' || w.status === 'in_progress';

/** One work order: header and lifecycle actions, operations (dispatch), materials, history. */
export function WorkOrderDetailPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  // the terminal's reports show at once in its totals: pushed by the live channel, else polled while on the floor
  const live = useProductionEvents({ workOrderId: id });
  const order = useWorkOrder(id, {
    refetchInterval: (w) => (w && isOnFloor(w) ? (live.isLive ? LIVE_FALLBACK_POLL_MS : 5000) : false),
  });
  const back = (
    <Link to="/production/work-orders">
      <Button icon={<ArrowLeftOutlined />} data-testid="wo-back">
        {t('workOrders.back')}
      </Button>
    </Link>
  );
  if (order.isPending) return <Spin style={{ display: 'block', margin: '64px auto' }} />;
  if (order.isError)
    return (
      <PageCard title={t('workOrders.title')} extra={back} testId="wo-detail">
        <Alert
          type="error"
          showIcon
          title={t('workOrders.loadFailed')}
          description={errorMessage(order.error, t)}
        />
      </PageCard>
    );
  return <WorkOrderView order={order.data} back={back} />;
}

function WorkOrderView(props: { order: TWorkOrder; back: React.ReactNode }) {
  const w = props.order;
  const { t } = useTranslation();
  const navigate = useNavigate();
  const client = useQueryClient();
  const canManage = useCan('production.workorder.manage');
  const canDispatch = useCan('production.workorder.release');
  const history = useWorkOrderHistory(w.id);
  const [dialog, setDialog] = useState<'split' | 'merge' | 'edit' | null>(null);
  const canReadWorkers = useCan('labour.worker.read');
  const canReadEnergy = useCan('energy.report.read');
  const canReadReports = useCan('production.report.read');
  // the operations' unresolved Andon calls: refreshed by the live channel (the page's useProductionEvents)
  const andon = useAndonExceptions(
    { workOrderId: w.id, status: 'unresolved', pageSize: 100 },
    { refetchInterval: false, isEnabled: canReadReports },
  );
  const flagsOf = (operationId: string) =>
    (andon.data?.items ?? []).filter((x) => x.operationId === operationId);
  // operators are shown by name when the caller may read the workers
  const workers = useQuery({
    queryKey: ['production', 'dispatch-workers'],
    queryFn: ({ signal }) => workOrdersApi.workers('', signal),
    enabled: canReadWorkers && w.operations.some((o) => o.operatorIds.length > 0),
  });
  const workerName = new Map((workers.data?.items ?? []).map((x) => [x.id, x.name]));
  const [dispatching, setDispatching] = useState<TWorkOrderOperation | null>(null);
  const [carding, setCarding] = useState<TWorkOrderOperation | null>(null);
  const refresh = (next?: TWorkOrder) => {
    if (next) client.setQueryData([...workOrderKeys.workOrders, 'one', next.id], next);
    void client.invalidateQueries({ queryKey: workOrderKeys.workOrders });
  };
  const isChangeable = w.status === 'draft' || w.status === 'released';
  const isDispatchable = canDispatch && (w.status === 'released' || w.status === 'in_progress');

  return (
    <PageCard
      title={
        <Space>
          <span data-testid="wo-number">{w.number}</span>
          <Tag color={WORK_ORDER_COLOR[w.status]} data-testid="wo-status">
            {t(`workOrders.status.${w.status}`)}
          </Tag>
        </Space>
      }
      extra={props.back}
      testId="wo-detail"
    >
      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        <Space wrap>
          <WorkOrderActions order={w} onChanged={refresh} />
          {canManage && !['completed', 'closed', 'cancelled'].includes(w.status) && (
            <Button icon={<EditOutlined />} onClick={() => setDialog('edit')} data-testid="wo-edit">
              {t('workOrders.edit')}
            </Button>
          )}
          {canManage && isChangeable && (
            <>
              <Button icon={<ScissorOutlined />} onClick={() => setDialog('split')} data-testid="wo-split">
                {t('workOrders.split.button')}
              </Button>
              <Button icon={<MergeCellsOutlined />} onClick={() => setDialog('merge')} data-testid="wo-merge">
                {t('workOrders.merge.button')}
              </Button>
            </>
          )}
        </Space>
        {w.status === 'draft' && (!w.bomId || !w.routingId) && (
          <Alert type="warning" showIcon title={t('workOrders.notReleasable')} />
        )}
        {w.status === 'on_hold' && w.holdReason && (
          <Alert type="warning" showIcon title={`${t('workOrders.holdReason')}: ${w.holdReason}`} />
        )}
        <Descriptions size="small" bordered column={{ xs: 1, md: 3 }}>
          <Descriptions.Item label={t('workOrders.product')}>
            {w.productCode} {w.productName}
          </Descriptions.Item>
          <Descriptions.Item label={t('workOrders.quantity')}>
            <span data-testid="wo-quantity">
              {w.quantity} {w.unitCode}
            </span>
          </Descriptions.Item>
          <Descriptions.Item label={t('workOrders.priority')}>P{w.priority}</Descriptions.Item>
          <Descriptions.Item label={t('workOrders.dueDate')}>{w.dueDate ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('workOrders.plannedStart')}>{time(w.plannedStart)}</Descriptions.Item>
          <Descriptions.Item label={t('workOrders.plannedEnd')}>{time(w.plannedEnd)}</Descriptions.Item>
          <Descriptions.Item label={t('workOrders.bomVersion')}>{w.bomVersion ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('workOrders.routingVersion')}>
            {w.routingVersion ?? '—'}
          </Descriptions.Item>
          <Descriptions.Item label={t('workOrders.effectiveOn')}>{w.effectiveOn}</Descriptions.Item>
          <Descriptions.Item label={t('workOrders.planLabel')}>{w.planCode ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('workOrders.parent')}>
            {w.parentId ? <Link to={`/production/work-orders/${w.parentId}`}>{w.parentNumber}</Link> : '—'}
          </Descriptions.Item>
          <Descriptions.Item label={t('workOrders.children')}>
            {w.children.length
              ? w.children.map((c) => (
                  <Link key={c.id} to={`/production/work-orders/${c.id}`} style={{ marginRight: 8 }}>
                    {c.number} ({c.productCode})
                  </Link>
                ))
              : '—'}
          </Descriptions.Item>
          {w.note && (
            <Descriptions.Item label={t('workOrders.note')} span={3}>
              {w.note}
            </Descriptions.Item>
          )}
        </Descriptions>
        <Card size="small">
          <Tabs
            items={[
              {
                key: 'operations',
                label: `${t('workOrders.operations')} (${w.operations.length})`,
                children: (
                  <Table<TWorkOrderOperation>
                    size="small"
                    rowKey="id"
                    pagination={false}
                    scroll={{ x: 1300 }}
                    dataSource={w.operations}
                    data-testid="wo-operations"
                    columns={[
                      { title: t('workOrders.op.seqNo'), dataIndex: 'seqNo', width: 60 },
                      { title: t('workOrders.op.code'), dataIndex: 'code', width: 90 },
                      { title: t('workOrders.op.name'), dataIndex: 'name', width: 140 },
                      {
                        title: t('workOrders.op.workCenter'),
                        width: 180,
                        render: (_, o) => `${o.workCenterCode} ${o.workCenterName}`,
                      },
                      {
                        title: t('workOrders.op.setupMinutes'),
                        dataIndex: 'setupMinutes',
                        align: 'right',
                        width: 90,
                      },
                      {
                        title: t('workOrders.op.runSeconds'),
                        dataIndex: 'runSecondsPerUnit',
                        align: 'right',
                        width: 90,
                      },
                      { title: t('workOrders.op.skill'), dataIndex: 'requiredSkill', width: 90 },
                      {
                        title: t('workOrders.op.inspection'),
                        width: 70,
                        render: (_, o) => (o.isInspectionPoint ? <Tag color="purple">QC</Tag> : null),
                      },
                      {
                        title: t('workOrders.op.statusLabel'),
                        width: 90,
                        render: (_, o) => (
                          <>
                            <Tag color={OPERATION_COLOR[o.status]}>
                              {t(`workOrders.op.status.${o.status}`)}
                            </Tag>
                            <AndonFlags exceptions={flagsOf(o.id)} testId={`wo-flags-${o.seqNo}`} />
                          </>
                        ),
                      },
                      {
                        title: t('workOrders.op.planned'),
                        dataIndex: 'plannedQuantity',
                        align: 'right',
                        width: 80,
                      },
                      {
                        title: `${t('workOrders.op.good')} / ${t('workOrders.op.scrap')} / ${t('workOrders.op.rework')}`,
                        width: 130,
                        align: 'right',
                        render: (_, o) => `${o.goodQuantity} / ${o.scrapQuantity} / ${o.reworkQuantity}`,
                      },
                      {
                        title: t('workOrders.op.shift'),
                        width: 150,
                        render: (_, o) =>
                          o.shiftDate ? (
                            <Typography.Text title={`${time(o.shiftStart)} – ${time(o.shiftEnd)}`}>
                              {o.shiftDate} {o.shiftCode}
                            </Typography.Text>
                          ) : null,
                      },
                      {
                        title: t('workOrders.op.operators'),
                        width: 140,
                        render: (_, o) =>
                          o.operatorIds.map((id) => workerName.get(id) ?? id.slice(0, 8)).join('、') || null,
                      },
                      {
                        key: 'dispatch',
                        fixed: 'right',
                        width: 160,
                        render: (_, o) => (
                          <Space size={0}>
                            <Button
                              size="small"
                              type="link"
                              icon={<PrinterOutlined />}
                              onClick={() => setCarding(o)}
                              data-testid={`wo-card-${o.seqNo}`}
                            >
                              {t('jobReports.printCard')}
                            </Button>
                            {isDispatchable && o.status !== 'done' && (
                              <Button
                                size="small"
                                type="link"
                                icon={<SendOutlined />}
                                onClick={() => setDispatching(o)}
                                data-testid={`wo-dispatch-${o.seqNo}`}
                              >
                                {t('workOrders.op.dispatch')}
                              </Button>
                            )}
                          </Space>
                        ),
                      },
                    ]}
                  />
                ),
              },
              ...(canReadReports
                ? [
                    {
                      key: 'reports',
                      label: <span data-testid="wo-reports-tab">{t('jobReports.tab')}</span>,
                      children: <JobReportsTable workOrderId={w.id} isLive={isOnFloor(w)} />,
                    },
                  ]
                : []),
              {
                key: 'materials',
                label: `${t('workOrders.materials')} (${w.materials.length})`,
                children: (
                  <Table
                    size="small"
                    rowKey="lineNo"
                    pagination={false}
                    dataSource={w.materials}
                    data-testid="wo-materials"
                    columns={[
                      { title: t('workOrders.material.lineNo'), dataIndex: 'lineNo', width: 60 },
                      {
                        title: t('workOrders.material.material'),
                        render: (_, l) => `${l.materialCode} ${l.materialName}`,
                      },
                      {
                        title: t('workOrders.material.quantity'),
                        align: 'right',
                        render: (_, l) => `${l.quantity} ${l.unitCode}`,
                      },
                      {
                        title: t('workOrders.material.scrap'),
                        dataIndex: 'scrapPercent',
                        align: 'right',
                        width: 80,
                      },
                      { title: t('workOrders.material.operationSeq'), dataIndex: 'operationSeq', width: 90 },
                      {
                        title: t('workOrders.material.made'),
                        render: (_, l) =>
                          l.childWorkOrderId ? (
                            <Link to={`/production/work-orders/${l.childWorkOrderId}`}>
                              {w.children.find((c) => c.id === l.childWorkOrderId)?.number ?? '→'}
                            </Link>
                          ) : l.isMade ? (
                            <Tag>{t('workOrders.material.made')}</Tag>
                          ) : null,
                      },
                      {
                        title: t('workOrders.material.issued'),
                        dataIndex: 'issuedQuantity',
                        align: 'right',
                        width: 90,
                      },
                    ]}
                  />
                ),
              },
              {
                key: 'lots',
                label: <span data-testid="wo-lots-tab">{t('materialIssue.tab')}</span>,
                children: (
                  <WorkOrderLotsTab
                    workOrderId={w.id}
                    isLive={isOnFloor(w)}
                    isOpen={!['completed', 'closed', 'cancelled'].includes(w.status)}
                  />
                ),
              },
              ...(canReadEnergy
                ? [
                    {
                      key: 'energy',
                      label: <span data-testid="wo-energy-tab">{t('workOrderEnergy.tab')}</span>,
                      children: <WorkOrderEnergyTab workOrderId={w.id} />,
                    },
                  ]
                : []),
              {
                key: 'history',
                label: t('workOrders.history'),
                children: (
                  <Table
                    size="small"
                    rowKey="id"
                    pagination={false}
                    loading={history.isFetching}
                    dataSource={history.data?.items}
                    data-testid="wo-history"
                    columns={[
                      { title: t('audit.at'), width: 170, render: (_, h) => time(h.at) },
                      { title: t('audit.actor'), dataIndex: 'actorName', width: 160 },
                      {
                        title: t('common.actions'),
                        render: (_, h) =>
                          t(`workOrders.historyAction.${h.action}`, { defaultValue: h.action }),
                      },
                    ]}
                  />
                ),
              },
            ]}
          />
        </Card>
      </Space>
      <WorkOrderEditDialog
        order={w}
        open={dialog === 'edit'}
        onClose={() => setDialog(null)}
        onDone={(next) => {
          setDialog(null);
          refresh(next);
        }}
      />
      <SplitDialog
        order={w}
        open={dialog === 'split'}
        onClose={() => setDialog(null)}
        onDone={() => {
          setDialog(null);
          refresh();
        }}
      />
      <MergeDialog
        order={w}
        open={dialog === 'merge'}
        onClose={() => setDialog(null)}
        onDone={(merged) => {
          setDialog(null);
          refresh(merged);
          if (merged.id !== w.id) void navigate(`/production/work-orders/${merged.id}`);
        }}
      />
      <OperationCardDialog order={w} operation={carding} onClose={() => setCarding(null)} />
      <DispatchDrawer
        order={w}
        operation={dispatching}
        onClose={() => setDispatching(null)}
        onDone={(next) => {
          setDispatching(null);
          refresh(next);
        }}
      />
    </PageCard>
  );
}
