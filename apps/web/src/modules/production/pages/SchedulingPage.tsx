import { useEffect, useMemo, useState } from 'react';
import {
  Alert,
  App,
  Button,
  Checkbox,
  DatePicker,
  Descriptions,
  Empty,
  List,
  Select,
  Space,
  Spin,
  Statistic,
  Table,
  Tag,
  Typography,
} from 'antd';
import { ThunderboltOutlined, PlayCircleOutlined, CheckOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import dayjs, { type Dayjs } from 'dayjs';
import type { TMoveScheduledResult, TSchedule, TScheduleBar, TScheduleRunResult } from '@greenmes/contracts';
import { PageCard } from '../../../shared/components/PageCard.tsx';
import { useNotifyError } from '../../../shared/hooks/use-notify-error.ts';
import { errorMessage } from '../../../shared/lib/error-message.ts';
import { formatDateTime } from '../../../shared/lib/format.ts';
import { useCan } from '../../platform/hooks/use-me.ts';
import { scheduleApi } from '../api/schedule-api.ts';
import { colorOf, ScheduleGantt } from '../components/ScheduleGantt.tsx';
import { MoveOperationDialog, WarningList } from '../components/MoveOperationDialog.tsx';
import { useSiteOptions } from '../hooks/use-work-order-queries.ts';

const scheduleKey = ['production', 'schedule'] as const;

/** 排程: run the finite-capacity scheduler (normal or energy-aware), review, apply; drag bars to move. */
export function SchedulingPage() {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const notifyError = useNotifyError();
  const client = useQueryClient();
  const canManage = useCan('production.workorder.manage');
  const sites = useSiteOptions();
  const [siteId, setSiteId] = useState<string | null>(null);
  const [range, setRange] = useState<[Dayjs, Dayjs]>(() => [
    dayjs().startOf('day'),
    dayjs().startOf('day').add(7, 'day'),
  ]);
  const [allFlexible, setAllFlexible] = useState(false);
  const [proposal, setProposal] = useState<{ result: TScheduleRunResult; energyAware: boolean } | null>(null);
  const [moving, setMoving] = useState<TScheduleBar | null>(null);

  useEffect(() => {
    if (!siteId && sites[0]) setSiteId(sites[0].value);
  }, [siteId, sites]);

  const from = range[0].toISOString();
  const to = range[1].toISOString();
  const stored = useQuery({
    queryKey: [...scheduleKey, siteId, from, to],
    queryFn: ({ signal }) => scheduleApi.get({ siteId: siteId!, from, to }, signal),
    enabled: siteId !== null,
  });

  // the scheduler starts now at the earliest: nothing is planned in the past
  const runFrom = () => {
    const now = dayjs().startOf('minute');
    return (range[0].isAfter(now) ? range[0] : now).toISOString();
  };
  const run = useMutation({
    mutationFn: (o: { energyAware: boolean; dryRun: boolean }) =>
      scheduleApi.run({
        siteId: siteId!,
        from: runFrom(),
        to,
        energyAware: o.energyAware,
        allFlexible: o.energyAware && allFlexible,
        dryRun: o.dryRun,
      }),
    onSuccess: async (result, o) => {
      if (o.dryRun) {
        setProposal({ result, energyAware: o.energyAware });
        return;
      }
      setProposal(null);
      void message.success(t('scheduling.applied', { count: result.scheduledCount }));
      await client.invalidateQueries({ queryKey: scheduleKey });
    },
    onError: (e) => notifyError(e),
  });

  const showWarnings = (result: TMoveScheduledResult) => {
    if (result.warnings.length === 0) {
      void message.success(t('scheduling.move.noConflict'));
      return;
    }
    modal.warning({
      title: t('scheduling.move.warningsTitle'),
      content: <WarningList warnings={result.warnings} />,
    });
  };
  const move = useMutation({
    mutationFn: (o: { bar: TScheduleBar; start: number }) =>
      scheduleApi.move(o.bar.operationId, { plannedStart: new Date(o.start).toISOString() }),
    onSuccess: async (result) => {
      showWarnings(result);
      await client.invalidateQueries({ queryKey: scheduleKey });
    },
    onError: (e) => notifyError(e),
  });

  const shown: TSchedule | undefined = proposal?.result ?? stored.data;
  const rowName = useMemo(
    () => new Map((shown?.workCenters ?? []).map((w) => [w.id, `${w.code} ${w.name}`])),
    [shown],
  );
  const isMovable = (b: TScheduleBar) =>
    canManage && !proposal && !['in_progress', 'paused', 'done'].includes(b.status);

  return (
    <PageCard
      title={t('scheduling.title')}
      testId="scheduling-page"
      filters={
        <Space wrap>
          <Select
            style={{ width: 260 }}
            placeholder={t('scheduling.site')}
            options={sites}
            value={siteId}
            onChange={(v) => {
              setSiteId(v);
              setProposal(null);
            }}
            data-testid="schedule-site"
          />
          <DatePicker.RangePicker
            value={range}
            allowClear={false}
            onChange={(v) => {
              if (v?.[0] && v[1]) {
                setRange([v[0].startOf('day'), v[1].startOf('day')]);
                setProposal(null);
              }
            }}
            data-testid="schedule-range"
          />
          {canManage && (
            <>
              <Button
                icon={<PlayCircleOutlined />}
                loading={run.isPending && !run.variables?.energyAware && run.variables?.dryRun}
                disabled={!siteId}
                onClick={() => run.mutate({ energyAware: false, dryRun: true })}
                data-testid="schedule-run"
              >
                {t('scheduling.run')}
              </Button>
              <Button
                icon={<ThunderboltOutlined />}
                loading={run.isPending && run.variables?.energyAware && run.variables?.dryRun}
                disabled={!siteId}
                onClick={() => run.mutate({ energyAware: true, dryRun: true })}
                data-testid="schedule-run-energy"
              >
                {t('scheduling.runEnergy')}
              </Button>
              <Checkbox
                checked={allFlexible}
                onChange={(e) => setAllFlexible(e.target.checked)}
                data-testid="schedule-all-flexible"
              >
                {t('scheduling.allFlexible')}
              </Checkbox>
            </>
          )}
        </Space>
      }
    >
      {proposal && (
        <ProposalSummary
          result={proposal.result}
          isApplying={run.isPending && run.variables?.dryRun === false}
          onApply={() => run.mutate({ energyAware: proposal.energyAware, dryRun: false })}
          onDiscard={() => setProposal(null)}
        />
      )}
      <Typography.Title level={5} style={{ marginTop: 0 }}>
        {proposal ? t('scheduling.proposal') : t('scheduling.stored')}
      </Typography.Title>
      {!proposal && canManage && (
        <Typography.Paragraph type="secondary">{t('scheduling.move.dragHint')}</Typography.Paragraph>
      )}
      {stored.isError && !proposal && (
        <Alert type="error" showIcon style={{ marginBottom: 12 }} message={errorMessage(stored.error, t)} />
      )}
      {!shown ? (
        <div style={{ textAlign: 'center', padding: 48 }}>
          {siteId && !stored.isError ? <Spin data-testid="schedule-loading" /> : <Empty />}
        </div>
      ) : shown.workCenters.length === 0 ? (
        <Empty description={t('scheduling.noWorkCenters')} />
      ) : (
        <>
          {shown.bars.length === 0 && (
            <Alert
              type="info"
              showIcon
              style={{ marginBottom: 12 }}
              message={proposal ? t('scheduling.emptyProposal') : t('scheduling.empty')}
              data-testid="schedule-empty"
            />
          )}
          <Spin spinning={stored.isFetching || move.isPending}>
            <ScheduleGantt
              schedule={shown}
              canDrag={canManage && !proposal}
              onMove={(bar, start) => {
                if (isMovable(bar)) move.mutate({ bar, start });
              }}
              onSelect={(bar) => {
                if (isMovable(bar)) setMoving(bar);
              }}
            />
          </Spin>
          <Table
            size="small"
            rowKey="operationId"
            style={{ marginTop: 16 }}
            title={() => t('scheduling.table.title')}
            dataSource={shown.bars}
            pagination={{ pageSize: 10, hideOnSinglePage: true }}
            data-testid="schedule-bars"
            columns={[
              {
                title: t('scheduling.bar.order'),
                render: (_, b) => (
                  <Space size={4}>
                    <span style={{ color: colorOf(b) }}>■</span>
                    {b.workOrderNumber}
                  </Space>
                ),
              },
              { title: t('scheduling.bar.product'), render: (_, b) => `${b.productCode} ${b.productName}` },
              { title: t('scheduling.bar.operation'), render: (_, b) => `${b.seqNo} ${b.operationName}` },
              { title: t('scheduling.table.workCenter'), render: (_, b) => rowName.get(b.workCenterId) },
              { title: t('scheduling.bar.start'), render: (_, b) => formatDateTime(b.start) },
              { title: t('scheduling.bar.end'), render: (_, b) => formatDateTime(b.end) },
              { title: t('scheduling.bar.due'), render: (_, b) => b.dueDate ?? '—' },
              {
                title: t('scheduling.bar.status'),
                render: (_, b) => (
                  <Space size={2} wrap>
                    <Tag>{t(`workOrders.op.status.${b.status}`)}</Tag>
                    {b.isLate && <Tag color="red">{t('scheduling.bar.late')}</Tag>}
                    {b.isPinned && <Tag color="purple">{t('scheduling.bar.pinned')}</Tag>}
                    {b.isFlexible && <Tag color="green">{t('scheduling.bar.flexible')}</Tag>}
                    {b.isShifted && <Tag color="green">{t('scheduling.bar.shifted')}</Tag>}
                  </Space>
                ),
              },
              {
                title: '',
                render: (_, b) =>
                  isMovable(b) && (
                    <Button
                      size="small"
                      onClick={() => setMoving(b)}
                      data-testid={`schedule-move-${b.operationId}`}
                    >
                      {t('scheduling.table.move')}
                    </Button>
                  ),
              },
            ]}
          />
        </>
      )}
      {moving && (
        <MoveOperationDialog
          bar={moving}
          onClose={() => setMoving(null)}
          onMoved={async (result) => {
            setMoving(null);
            showWarnings(result);
            await client.invalidateQueries({ queryKey: scheduleKey });
          }}
        />
      )}
    </PageCard>
  );
}

function ProposalSummary(props: {
  result: TScheduleRunResult;
  isApplying: boolean;
  onApply: () => void;
  onDiscard: () => void;
}) {
  const { t } = useTranslation();
  const { result } = props;
  const energy = result.energy;
  return (
    <div data-testid="schedule-summary" style={{ marginBottom: 16 }}>
      <Alert
        type="info"
        showIcon
        message={t('scheduling.proposalHint')}
        action={
          <Space>
            <Button
              type="primary"
              icon={<CheckOutlined />}
              loading={props.isApplying}
              onClick={props.onApply}
              data-testid="schedule-apply"
            >
              {t('scheduling.apply')}
            </Button>
            <Button onClick={props.onDiscard}>{t('scheduling.discard')}</Button>
          </Space>
        }
        style={{ marginBottom: 12 }}
      />
      <Space size={48} wrap style={{ marginBottom: 12 }}>
        <Statistic title={t('scheduling.summary.scheduled')} value={result.scheduledCount} />
        <Statistic
          title={t('scheduling.summary.late')}
          value={result.lateOrders.length}
          valueStyle={result.lateOrders.length ? { color: '#cf1322' } : undefined}
        />
        <Statistic title={t('scheduling.summary.unschedulable')} value={result.unschedulable.length} />
        {energy && (
          <>
            <div data-testid="schedule-shifted" data-value={energy.shiftedOperations}>
              <Statistic title={t('scheduling.summary.shifted')} value={energy.shiftedOperations} />
            </div>
            <Statistic title={t('scheduling.summary.costBefore')} prefix="¥" value={energy.costBefore} />
            <Statistic title={t('scheduling.summary.costAfter')} prefix="¥" value={energy.costAfter} />
            <Statistic
              title={t('scheduling.summary.costSaving')}
              prefix="¥"
              value={energy.costSaving}
              valueStyle={{ color: '#389e0d' }}
            />
          </>
        )}
      </Space>
      {energy && (
        <Descriptions size="small" column={2} bordered style={{ marginBottom: 12 }}>
          <Descriptions.Item label={t('scheduling.summary.peakKwh')}>
            {energy.peakKwhBefore} → {energy.peakKwhAfter}
          </Descriptions.Item>
          <Descriptions.Item label={t('scheduling.summary.maxDemand')}>
            {energy.maxDemandKwBefore ?? '—'} → {energy.maxDemandKwAfter ?? '—'}
          </Descriptions.Item>
          <Descriptions.Item label="" span={2}>
            {[
              !energy.hasTariff && t('scheduling.summary.noTariff'),
              energy.operationsWithoutPower > 0 &&
                t('scheduling.summary.withoutPower', { count: energy.operationsWithoutPower }),
              t('scheduling.summary.energyNote'),
            ]
              .filter(Boolean)
              .join(' ')}
          </Descriptions.Item>
        </Descriptions>
      )}
      {result.lateOrders.length > 0 && (
        <List
          size="small"
          header={t('scheduling.summary.late')}
          dataSource={result.lateOrders}
          data-testid="schedule-late"
          renderItem={(l) => (
            <List.Item>
              {l.workOrderNumber} · {t('scheduling.bar.due')} {l.dueDate} · {t('scheduling.bar.end')}{' '}
              {formatDateTime(l.plannedEnd)}
            </List.Item>
          )}
        />
      )}
      {result.unschedulable.length > 0 && (
        <List
          size="small"
          header={t('scheduling.summary.unschedulable')}
          dataSource={result.unschedulable}
          renderItem={(u) => (
            <List.Item>
              {u.workOrderNumber} / {u.seqNo} · {t(`scheduling.reason.${u.reason}`)}
            </List.Item>
          )}
        />
      )}
    </div>
  );
}
