import { useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Space, Table, Tag } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import type {
  JobReportKind,
  TCreateJobReport,
  TJobReport,
  TWorkerIdentity,
  TWorkOrder,
  TWorkOrderOperation,
} from '@greenmes/contracts';
import { useCan } from '../../platform/hooks/use-me.ts';
import { workOrdersApi } from '../api/work-orders-api.ts';
import { jobReportKeys, useOperationJobReports, useReasonCodes } from '../hooks/use-job-report-queries.ts';
import { workOrderKeys } from '../hooks/use-work-order-queries.ts';
import { OPERATION_COLOR, WORK_ORDER_COLOR } from '../lib/work-order-status.ts';
import { PauseDialog, QuantityDialog, type QuantityValues } from './ReportDialogs.tsx';
import { useClientId } from './use-client-id.ts';
import { AndonBar, reportableKinds } from './AndonBar.tsx';
import { andonKeys, useOperationExceptions } from '../hooks/use-andon-queries.ts';
import { CounterProposalBox } from './CounterProposalBox.tsx';
import { TransferButton } from './TransferButton.tsx';
import { MaterialIssueButtons } from './MaterialIssueButtons.tsx';
import { useSerialTracking } from './SerialScanInput.tsx';
import { isStale, reportErrorMessage } from './report-error.ts';
import { withQueued } from './report-queue.ts';
import type { ReportQueue, SubmitOutcome } from './use-report-queue.ts';
import { JobReportQuantities, JobReportReason } from '../components/JobReportCells.tsx';
import styles from './terminal.module.css';

/** Which reports an operation in a status takes (the server's rule; it still has the last word). */
const ALLOWED: Record<TWorkOrderOperation['status'], JobReportKind[]> = {
  pending: ['start'],
  ready: ['start'],
  in_progress: ['start', 'pause', 'quantity', 'finish'],
  paused: ['resume', 'quantity', 'finish'],
  done: [],
};
const ON_FLOOR = ['released', 'in_progress'];
/** a report as the panel builds it; the worker and the clientId are added when it is sent */
type WithoutSender<R> = R extends unknown ? Omit<R, 'workerId' | 'clientId'> : never;
type Body = WithoutSender<TCreateJobReport>;
const qty = (v: string | null | undefined) => (v && Number(v) > 0 ? v : undefined);

/**
 * One operation at the terminal: what it is, its counts, the reports it may take, its latest reports.
 * Reports waiting in the offline queue count already: the operation shows where they take it.
 */
export function OperationPanel(props: {
  order: TWorkOrder;
  operation: TWorkOrderOperation;
  worker: TWorkerIdentity;
  queue: ReportQueue;
}) {
  const { order, worker, queue } = props;
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const canReport = useCan('production.report.create');
  const canReadWorkers = useCan('labour.worker.read');
  const clientId = useClientId();
  const [dialog, setDialog] = useState<{ kind: 'pause' | 'quantity' | 'finish'; session: number } | null>(
    null,
  );
  const [error, setError] = useState<unknown>(null);
  const [allDone, setAllDone] = useState(false);
  const reports = useOperationJobReports(order.id, props.operation.id);
  const andon = useOperationExceptions(props.operation.id);
  const pauseCodes = useReasonCodes({ kind: 'pause', activeOnly: true });
  const scrapCodes = useReasonCodes({ kind: 'scrap', activeOnly: true });
  const workers = useQuery({
    queryKey: ['production', 'dispatch-workers'],
    queryFn: ({ signal }) => workOrdersApi.workers('', signal),
    enabled: canReadWorkers && props.operation.operatorIds.length > 0,
  });
  const workerName = new Map((workers.data?.items ?? []).map((x) => [x.id, x.name]));
  const isSerialTracked = useSerialTracking(order, props.operation);
  const { operation: op, queuedCount } = withQueued({
    operation: props.operation,
    pending: queue.pending,
    listedClientIds: new Set(reports.data?.items.flatMap((r) => (r.clientId ? [r.clientId] : []))),
  });

  const send = useMutation({
    // offline is this mutation's business (the queue), not a reason to pause it
    networkMode: 'always',
    // a 409 says another terminal moved the operation: show where it is now
    onError: (e) => {
      if (!isStale(e)) return;
      void client.invalidateQueries({ queryKey: workOrderKeys.workOrders });
      void client.invalidateQueries({ queryKey: jobReportKeys.reports });
      void client.invalidateQueries({ queryKey: andonKeys.all });
    },
    mutationFn: (o: { body: Body; intent: string }) => {
      const id = clientId.take(o.intent);
      return queue.submit({
        clientId: id,
        workOrderId: order.id,
        workOrderNumber: order.number,
        operationId: op.id,
        operationSeqNo: op.seqNo,
        operationName: op.name,
        workerName: worker.name,
        // when the operator pressed, not when a queued report finally reaches the server
        body: {
          ...o.body,
          workerId: worker.id,
          clientId: id,
          occurredAt: new Date().toISOString(),
        } as TCreateJobReport,
        queuedAt: new Date().toISOString(),
      });
    },
    onSuccess: (outcome: SubmitOutcome) => {
      clientId.forget();
      setError(null);
      setDialog(null);
      if (outcome.isQueued) {
        void message.warning(t('terminal.offline.queued'));
        return;
      }
      const { result } = outcome;
      void message.success(
        result.isNew ? t(`terminal.done.${result.report.kind}`) : t('terminal.done.replay'),
      );
      if (result.allOperationsDone) setAllDone(true);
      // the order's operations and the reports, here and on an open detail page
      void client.invalidateQueries({ queryKey: workOrderKeys.workOrders });
      void client.invalidateQueries({ queryKey: jobReportKeys.reports });
    },
  });
  /** a button's report: errors shown on the panel; a retry of the same button reuses its clientId */
  const act = (kind: 'start' | 'resume') => {
    setError(null);
    send.mutate({ body: { kind }, intent: `${op.id}:${kind}` }, { onError: (e) => setError(e) });
  };
  /** a dialog's report: one intent per opening of the dialog; errors go back to the dialog */
  const intentOf = () => `${op.id}:${dialog?.kind}:${dialog?.session}`;
  const openDialog = (kind: 'pause' | 'quantity' | 'finish') => {
    clientId.forget();
    setError(null);
    setDialog({ kind, session: Date.now() });
  };
  const quantities = (v: QuantityValues) => {
    const scrapQty = qty(v.scrapQty);
    return {
      goodQty: qty(v.goodQty),
      scrapQty,
      scrapReasonCode: scrapQty ? v.scrapReasonCode : undefined,
      reworkQty: qty(v.reworkQty),
      serials: isSerialTracked && v.serials?.length ? v.serials : undefined,
    };
  };

  const isOnFloor = ON_FLOOR.includes(order.status);
  // a stopping Andon exception leaves only the pause (AndonBar says why)
  const allowed = reportableKinds(canReport && isOnFloor ? ALLOWED[op.status] : [], andon.data?.items);
  const remaining = Math.max(
    0,
    Number(op.plannedQuantity) - Number(op.goodQuantity) - Number(op.scrapQuantity),
  );
  const isMine = op.operatorIds.includes(worker.id);
  const count = (label: string, value: string | number, testId: string) => (
    <div className={styles.count}>
      <div className={styles.countLabel}>{label}</div>
      <div className={styles.countValue} data-testid={testId}>
        {value}
      </div>
    </div>
  );
  const button = (kind: JobReportKind, onClick: () => void, danger = false) => (
    <Button
      className={styles.action}
      type={kind === 'start' || kind === 'finish' ? 'primary' : 'default'}
      danger={danger}
      disabled={!allowed.includes(kind) || send.isPending}
      loading={send.isPending && send.variables?.body.kind === kind}
      onClick={onClick}
      data-testid={`terminal-${kind}`}
    >
      {t(`terminal.action.${kind}`)}
    </Button>
  );

  return (
    <Card data-testid="terminal-operation">
      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        <Descriptions size="middle" bordered column={3}>
          <Descriptions.Item label={t('terminal.op.order')}>
            <span data-testid="terminal-order-number">{order.number}</span>{' '}
            <Tag color={WORK_ORDER_COLOR[order.status]} data-testid="terminal-order-status">
              {t(`workOrders.status.${order.status}`)}
            </Tag>
          </Descriptions.Item>
          <Descriptions.Item label={t('terminal.op.product')} span={2}>
            {order.productCode} {order.productName}
          </Descriptions.Item>
          <Descriptions.Item label={t('terminal.op.operation')}>
            <strong data-testid="terminal-op-title">
              {op.seqNo} {op.name}
            </strong>{' '}
            <Tag color={OPERATION_COLOR[op.status]} data-testid="terminal-op-status">
              {t(`workOrders.op.status.${op.status}`)}
            </Tag>
            {queuedCount > 0 && (
              <Tag color="red" data-testid="terminal-op-queued">
                {t('terminal.offline.queuedTag', { count: queuedCount })}
              </Tag>
            )}
          </Descriptions.Item>
          <Descriptions.Item label={t('terminal.op.workCenter')}>
            {op.workCenterCode} {op.workCenterName}
          </Descriptions.Item>
          <Descriptions.Item label={t('terminal.op.dispatch')}>
            {op.shiftDate ? (
              <span data-testid="terminal-dispatch">
                {op.shiftDate} {op.shiftCode}
                {op.operatorIds.length > 0 &&
                  ` · ${op.operatorIds.map((id) => workerName.get(id) ?? id.slice(0, 8)).join('、')}`}
                {isMine && (
                  <Tag color="green" style={{ marginLeft: 8 }}>
                    {worker.name}
                  </Tag>
                )}
              </span>
            ) : (
              t('terminal.op.notDispatched')
            )}
          </Descriptions.Item>
        </Descriptions>
        <div className={styles.counts}>
          {count(t('terminal.op.planned'), op.plannedQuantity, 'terminal-planned')}
          {count(t('terminal.op.good'), op.goodQuantity, 'terminal-good-total')}
          {count(t('terminal.op.scrap'), op.scrapQuantity, 'terminal-scrap-total')}
          {count(t('terminal.op.rework'), op.reworkQuantity, 'terminal-rework-total')}
          {count(t('terminal.op.remaining'), Number(remaining.toFixed(6)), 'terminal-remaining')}
        </div>
        {!isOnFloor && (
          <Alert
            type="warning"
            showIcon
            title={t('terminal.orderNotOnFloor', { status: t(`workOrders.status.${order.status}`) })}
          />
        )}
        {!canReport && <Alert type="warning" showIcon title={t('terminal.noPermission')} />}
        <AndonBar operationId={op.id} worker={worker} exceptions={andon.data?.items} />
        <div className={styles.actions}>
          {button('start', () => act('start'))}
          {button('pause', () => openDialog('pause'), true)}
          {button('resume', () => act('resume'))}
          {button('quantity', () => openDialog('quantity'))}
          {button('finish', () => openDialog('finish'))}
        </div>
        {isOnFloor && (
          <CounterProposalBox
            workOrderId={order.id}
            operationId={op.id}
            worker={worker}
            canReport={canReport}
          />
        )}
        <TransferButton workOrderId={order.id} operationId={op.id} worker={worker} canReport={canReport} />
        <MaterialIssueButtons workOrderId={order.id} operationId={op.id} isOnFloor={isOnFloor} />
        {error !== null && (
          <Alert type="error" showIcon title={reportErrorMessage(error, t)} data-testid="terminal-error" />
        )}
        {(allDone || order.operations.every((o) => o.status === 'done')) && (
          <Alert
            type="success"
            showIcon
            title={t('terminal.done.allDone', { number: order.number })}
            data-testid="terminal-all-done"
          />
        )}
        <Table<TJobReport>
          size="middle"
          rowKey="id"
          pagination={false}
          loading={reports.isFetching && !reports.data}
          dataSource={reports.data?.items}
          title={() => <strong>{t('terminal.latest')}</strong>}
          locale={{ emptyText: t('terminal.noReports') }}
          data-testid="terminal-reports"
          columns={[
            {
              title: t('jobReports.time'),
              width: 110,
              // when it happened: a report queued offline reaches the server later
              render: (_, r) => dayjs(r.occurredAt ?? r.reportedAt).format('HH:mm:ss'),
            },
            {
              title: t('jobReports.worker'),
              width: 140,
              render: (_, r) => r.workerName ?? r.workerEmployeeNo,
            },
            { title: t('jobReports.kindLabel'), width: 90, render: (_, r) => t(`jobReports.kind.${r.kind}`) },
            {
              title: `${t('jobReports.good')} / ${t('jobReports.scrap')} / ${t('jobReports.rework')}`,
              width: 160,
              render: (_, r) => <JobReportQuantities report={r} />,
            },
            { title: t('jobReports.reason'), render: (_, r) => <JobReportReason report={r} /> },
          ]}
        />
      </Space>
      <PauseDialog
        open={dialog?.kind === 'pause'}
        codes={pauseCodes.data ?? []}
        onClose={() => setDialog(null)}
        onSubmit={(reason) => send.mutateAsync({ body: { kind: 'pause', reason }, intent: intentOf() })}
      />
      <QuantityDialog
        open={dialog?.kind === 'quantity' || dialog?.kind === 'finish'}
        isFinish={dialog?.kind === 'finish'}
        isSerialTracked={isSerialTracked}
        scrapCodes={scrapCodes.data ?? []}
        onClose={() => setDialog(null)}
        onSubmit={(v) =>
          send.mutateAsync({
            body: { kind: dialog?.kind === 'finish' ? 'finish' : 'quantity', ...quantities(v) },
            intent: intentOf(),
          })
        }
      />
    </Card>
  );
}
