import { useState } from 'react';
import {
  App,
  Button,
  Checkbox,
  DatePicker,
  Form,
  Input,
  Modal,
  Segmented,
  Select,
  Space,
  Table,
  Tag,
} from 'antd';
import { CheckOutlined, EyeOutlined, ToolOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import dayjs, { type Dayjs } from 'dayjs';
import { ANDON_KINDS, type AndonKind, type AndonStatus, type TAndonException } from '@greenmes/contracts';
import { useNotifyError } from '../../../shared/hooks/use-notify-error.ts';
import { applyFormErrors } from '../../../shared/lib/form-errors.ts';
import { useCan } from '../../platform/hooks/use-me.ts';
import { andonApi, type AndonFilters } from '../api/andon-api.ts';
import { andonKeys, useAndonExceptions, useNow } from '../hooks/use-andon-queries.ts';
import { useWorkCenterOptions } from '../hooks/use-production-queries.ts';
import { LIVE_FALLBACK_POLL_MS, useProductionEvents } from '../hooks/use-production-events.ts';
import { ANDON_KIND_COLOR, ANDON_STATUS_COLOR, elapsed, levelBackground, levelColor } from '../lib/andon.ts';
import { AndonDetailDrawer } from './AndonDetailDrawer.tsx';

type StatusFilter = AndonStatus | 'unresolved' | 'all';
type Action = { kind: 'acknowledge' | 'resolve'; item: TAndonException };

/**
 * 异常看板: unresolved exceptions first (the most escalated and oldest on top), coloured by kind and
 * escalation level, elapsed time ticking; acknowledge and resolve; filters; each one's history.
 */
export function AndonBoard() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const client = useQueryClient();
  const canManage = useCan('production.andon.manage');
  const workCenters = useWorkCenterOptions();
  const now = useNow();
  const [status, setStatus] = useState<StatusFilter>('unresolved');
  const [kind, setKind] = useState<AndonKind>();
  const [workCenterId, setWorkCenterId] = useState<string>();
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const [isOverdue, setIsOverdue] = useState(false);
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const [detailId, setDetailId] = useState<string | null>(null);
  const [action, setAction] = useState<Action | null>(null);
  const [form] = Form.useForm<{ comment?: string; resolution?: string }>();

  const filters: AndonFilters = {
    ...page,
    status: status === 'all' ? undefined : status,
    kind,
    workCenterId,
    from: range?.[0]?.startOf('day').toISOString(),
    to: range?.[1]?.add(1, 'day').startOf('day').toISOString(),
    overdue: isOverdue ? 'true' : undefined,
  };
  const live = useProductionEvents();
  const list = useAndonExceptions(filters, { refetchInterval: live.isLive ? LIVE_FALLBACK_POLL_MS : 10_000 });
  const act = useMutation({
    mutationFn: ({ kind: what, item, text }: Action & { text?: string }) =>
      what === 'acknowledge'
        ? andonApi.acknowledge(item.id, { comment: text || undefined })
        : andonApi.resolve(item.id, { resolution: text ?? '' }),
    onSuccess: (_, v) => {
      void message.success(t(`andon.done.${v.kind}`));
      setAction(null);
      void client.invalidateQueries({ queryKey: andonKeys.all });
    },
    onError: (e) => {
      if (!applyFormErrors(form, e)) notifyError(e);
      void client.invalidateQueries({ queryKey: andonKeys.exceptions });
    },
  });
  const open = (next: Action) => {
    form.resetFields();
    setAction(next);
  };
  const reset = () => setPage((p) => ({ ...p, page: 1 }));

  return (
    <>
      <Space wrap style={{ marginBottom: 16 }}>
        <Segmented<StatusFilter>
          value={status}
          onChange={(v) => {
            setStatus(v);
            reset();
          }}
          options={(['unresolved', 'open', 'acknowledged', 'resolved', 'all'] as const).map((s) => ({
            value: s,
            label: t(`andon.filter.${s}`),
          }))}
          data-testid="andon-status-filter"
        />
        <Select<AndonKind>
          allowClear
          placeholder={t('andon.kindLabel')}
          style={{ width: 150 }}
          value={kind}
          onChange={(v) => {
            setKind(v);
            reset();
          }}
          options={ANDON_KINDS.map((k) => ({ value: k, label: t(`andon.kind.${k}`) }))}
          data-testid="andon-kind-filter"
        />
        <Select<string>
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('andon.workCenter')}
          style={{ width: 220 }}
          value={workCenterId}
          onChange={(v) => {
            setWorkCenterId(v);
            reset();
          }}
          options={workCenters}
        />
        <DatePicker.RangePicker
          value={range}
          onChange={(v) => {
            setRange(v);
            reset();
          }}
        />
        <Checkbox
          checked={isOverdue}
          onChange={(e) => {
            setIsOverdue(e.target.checked);
            reset();
          }}
          data-testid="andon-overdue-filter"
        >
          {t('andon.filter.overdue')}
        </Checkbox>
      </Space>
      <Table<TAndonException>
        size="middle"
        rowKey="id"
        loading={list.isPending}
        dataSource={list.data?.items}
        locale={{ emptyText: t('andon.empty') }}
        data-testid="andon-table"
        scroll={{ x: 1400 }}
        onRow={(x) => ({
          style: { background: x.status === 'resolved' ? undefined : levelBackground(x.escalationLevel) },
        })}
        pagination={{
          current: page.page,
          pageSize: page.pageSize,
          total: list.data?.total ?? 0,
          showSizeChanger: true,
          onChange: (p, s) => setPage({ page: p, pageSize: s }),
        }}
        columns={[
          {
            title: t('andon.level'),
            width: 70,
            render: (_, x) => (
              <Tag color={levelColor(x.escalationLevel)} data-testid="andon-level">
                L{x.escalationLevel}
              </Tag>
            ),
          },
          {
            title: t('andon.kindLabel'),
            width: 110,
            render: (_, x) => <Tag color={ANDON_KIND_COLOR[x.kind]}>{t(`andon.kind.${x.kind}`)}</Tag>,
          },
          {
            title: t('andon.statusLabel'),
            width: 100,
            render: (_, x) => (
              <Space size={4} orientation="vertical">
                <Tag color={ANDON_STATUS_COLOR[x.status]} data-testid="andon-status">
                  {t(`andon.status.${x.status}`)}
                </Tag>
                {x.isStopping ? <Tag color="red">{t('andon.stop')}</Tag> : <Tag>{t('andon.flag')}</Tag>}
              </Space>
            ),
          },
          { title: t('andon.description'), dataIndex: 'description', width: 260 },
          {
            title: t('andon.operation'),
            width: 200,
            render: (_, x) =>
              x.workOrderId ? (
                <Link to={`/production/work-orders/${x.workOrderId}`}>
                  {x.workOrderNumber} / {x.operationSeqNo} {x.operationName}
                </Link>
              ) : (
                '—'
              ),
          },
          {
            title: t('andon.workCenter'),
            width: 150,
            render: (_, x) => `${x.workCenterCode} ${x.workCenterName}`,
          },
          {
            title: t('andon.raisedBy'),
            width: 110,
            render: (_, x) => x.raisedByWorkerName ?? x.raisedByUserName,
          },
          {
            title: t('andon.raisedAt'),
            width: 110,
            render: (_, x) => dayjs(x.raisedAt).format('MM-DD HH:mm'),
          },
          {
            title: t('andon.elapsed'),
            width: 110,
            render: (_, x) => (
              <span data-testid="andon-elapsed" style={{ fontVariantNumeric: 'tabular-nums' }}>
                {elapsed(x.raisedAt, x.resolvedAt ? new Date(x.resolvedAt).getTime() : now)}
              </span>
            ),
          },
          {
            title: t('common.actions'),
            width: 220,
            render: (_, x) => (
              <Space size={4}>
                {canManage && x.status === 'open' && (
                  <Button
                    size="small"
                    icon={<CheckOutlined />}
                    onClick={() => open({ kind: 'acknowledge', item: x })}
                    data-testid="andon-acknowledge"
                  >
                    {t('andon.acknowledge')}
                  </Button>
                )}
                {canManage && x.status === 'acknowledged' && (
                  <Button
                    size="small"
                    type="primary"
                    icon={<ToolOutlined />}
                    onClick={() => open({ kind: 'resolve', item: x })}
                    data-testid="andon-resolve"
                  >
                    {t('andon.resolve')}
                  </Button>
                )}
                <Button
                  size="small"
                  type="link"
                  icon={<EyeOutlined />}
                  onClick={() => setDetailId(x.id)}
                  data-testid="andon-detail"
                >
                  {t('andon.history')}
                </Button>
              </Space>
            ),
          },
        ]}
      />
      <Modal
        open={action !== null}
        title={action ? t(`andon.${action.kind}`) : ''}
        onCancel={() => setAction(null)}
        onOk={() => form.submit()}
        okButtonProps={{ loading: act.isPending, 'data-testid': 'andon-action-submit' }}
        destroyOnHidden
      >
        {action && (
          <p>
            <Tag color={ANDON_KIND_COLOR[action.item.kind]}>{t(`andon.kind.${action.item.kind}`)}</Tag>
            {action.item.description}
          </p>
        )}
        <Form
          form={form}
          layout="vertical"
          onFinish={(v) => action && act.mutate({ ...action, text: (v.resolution ?? v.comment)?.trim() })}
        >
          <Form.Item
            name={action?.kind === 'resolve' ? 'resolution' : 'comment'}
            label={action?.kind === 'resolve' ? t('andon.resolution') : t('andon.ackComment')}
            rules={
              action?.kind === 'resolve' ? [{ required: true, whitespace: true, max: 1000 }] : [{ max: 500 }]
            }
          >
            <Input.TextArea rows={3} data-testid="andon-action-text" />
          </Form.Item>
        </Form>
      </Modal>
      <AndonDetailDrawer id={detailId} onClose={() => setDetailId(null)} />
    </>
  );
}
