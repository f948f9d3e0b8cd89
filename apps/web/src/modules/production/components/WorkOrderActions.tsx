import { useState } from 'react';
import { App, Button, Form, Input, Modal, Popconfirm, Space } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import {
  WORK_ORDER_ACTIONS,
  WORK_ORDER_MOVES,
  type Permission,
  type TWorkOrder,
  type WorkOrderAction,
} from '@greenmes/contracts';
import { useCan } from '../../platform/hooks/use-me.ts';
import { useNotifyError } from '../../../shared/hooks/use-notify-error.ts';
import { workOrdersApi } from '../api/work-orders-api.ts';

const ACCESS: Record<WorkOrderAction, Permission> = {
  release: 'production.workorder.release',
  hold: 'production.workorder.release',
  resume: 'production.workorder.release',
  start: 'production.workorder.manage',
  complete: 'production.workorder.manage',
  close: 'production.workorder.manage',
  cancel: 'production.workorder.manage',
};

/** The lifecycle moves open from the order's status, each confirmed; a hold asks for its reason. */
export function WorkOrderActions(props: { order: TWorkOrder; onChanged: (w: TWorkOrder) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const canRelease = useCan('production.workorder.release');
  const canManage = useCan('production.workorder.manage');
  const [isHolding, setHolding] = useState(false);
  const [form] = Form.useForm<{ reason: string }>();
  const w = props.order;
  const act = useMutation({
    mutationFn: (o: { action: WorkOrderAction; reason?: string }) =>
      workOrdersApi.act(w.id, o.action, o.reason),
    onSuccess: (next) => {
      void message.success(t('common.saved'));
      setHolding(false);
      props.onChanged(next);
    },
    onError: (e) => notifyError(e),
  });
  const can = (a: WorkOrderAction) => (ACCESS[a] === 'production.workorder.release' ? canRelease : canManage);
  const open = WORK_ORDER_ACTIONS.filter((a) => WORK_ORDER_MOVES[a].from.includes(w.status) && can(a));

  return (
    <Space wrap>
      {open.map((action) =>
        action === 'hold' ? (
          <Button key={action} onClick={() => setHolding(true)} data-testid="wo-action-hold">
            {t('workOrders.action.hold')}
          </Button>
        ) : (
          <Popconfirm
            key={action}
            title={t('workOrders.confirmAction', {
              number: w.number,
              action: t(`workOrders.action.${action}`),
            })}
            onConfirm={() => act.mutate({ action })}
          >
            <Button
              type={action === 'release' || action === 'start' ? 'primary' : 'default'}
              danger={action === 'cancel'}
              loading={act.isPending && act.variables?.action === action}
              data-testid={`wo-action-${action}`}
            >
              {t(`workOrders.action.${action}`)}
            </Button>
          </Popconfirm>
        ),
      )}
      <Modal
        open={isHolding}
        title={`${t('workOrders.action.hold')} · ${w.number}`}
        onCancel={() => setHolding(false)}
        onOk={() => form.submit()}
        confirmLoading={act.isPending}
        destroyOnHidden
      >
        <Form
          form={form}
          layout="vertical"
          onFinish={(v) => act.mutate({ action: 'hold', reason: v.reason.trim() })}
        >
          <Form.Item
            name="reason"
            label={t('workOrders.holdReasonPrompt')}
            rules={[{ required: true, whitespace: true }, { max: 500 }]}
          >
            <Input.TextArea rows={3} data-testid="wo-hold-reason" />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}
