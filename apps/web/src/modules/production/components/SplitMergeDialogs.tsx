import { App, Form, Input, Modal, Select, Typography } from 'antd';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { TWorkOrder } from '@greenmes/contracts';
import { applyFormErrors } from '../../../shared/lib/form-errors.ts';
import { useNotifyError } from '../../../shared/hooks/use-notify-error.ts';
import { workOrdersApi } from '../api/work-orders-api.ts';

const DECIMAL = /^\d{1,12}(\.\d{1,6})?$/;

/** Split into two quantities that must add up to the order's (the server checks it exactly). */
export function SplitDialog(props: {
  order: TWorkOrder;
  open: boolean;
  onClose: () => void;
  onDone: (created: TWorkOrder) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const [form] = Form.useForm<{ keep: string; give: string }>();
  const w = props.order;
  const split = useMutation({
    mutationFn: (v: { keep: string; give: string }) =>
      workOrdersApi.split(w.id, [v.keep.trim(), v.give.trim()]),
    onSuccess: (r) => {
      void message.success(t('workOrders.split.done', { number: r.created.number }));
      props.onDone(r.created);
    },
    onError: (e) => {
      if (!applyFormErrors(form, e)) notifyError(e);
    },
  });
  const rules = [{ required: true }, { pattern: DECIMAL, message: t('ledgers.nonNegative') }];
  return (
    <Modal
      open={props.open}
      title={t('workOrders.split.title', { number: w.number })}
      onCancel={props.onClose}
      onOk={() => form.submit()}
      confirmLoading={split.isPending}
      destroyOnHidden
      data-testid="wo-split-dialog"
    >
      <Typography.Paragraph type="secondary">
        {t('workOrders.split.sumHint', { quantity: `${w.quantity} ${w.unitCode}` })}
      </Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={(v) => split.mutate(v)}>
        <Form.Item name="keep" label={t('workOrders.split.keep')} rules={rules}>
          <Input inputMode="decimal" suffix={w.unitCode} />
        </Form.Item>
        <Form.Item name="give" label={t('workOrders.split.give')} rules={rules}>
          <Input inputMode="decimal" suffix={w.unitCode} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** Merge another draft/released order of the same product and versions into this one. */
export function MergeDialog(props: {
  order: TWorkOrder;
  open: boolean;
  onClose: () => void;
  onDone: (merged: TWorkOrder) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const [form] = Form.useForm<{ otherId: string }>();
  const w = props.order;
  const candidates = useQuery({
    queryKey: ['production', 'work-orders', 'merge-candidates', w.id],
    queryFn: ({ signal }) => workOrdersApi.list({ productId: w.productId, pageSize: 200 }, signal),
    enabled: props.open,
  });
  const options = (candidates.data?.items ?? [])
    .filter(
      (x) =>
        x.id !== w.id &&
        (x.status === 'draft' || x.status === 'released') &&
        x.bomId === w.bomId &&
        x.routingId === w.routingId,
    )
    .map((x) => ({
      value: x.id,
      label: `${x.number} · ${x.quantity} ${x.unitCode} · ${t(`workOrders.status.${x.status}`)}`,
    }));
  const merge = useMutation({
    mutationFn: (v: { otherId: string }) => workOrdersApi.merge(w.id, v.otherId),
    onSuccess: (merged) => {
      void message.success(t('workOrders.merge.done'));
      props.onDone(merged);
    },
    onError: (e) => {
      if (!applyFormErrors(form, e)) notifyError(e);
    },
  });
  return (
    <Modal
      open={props.open}
      title={t('workOrders.merge.title', { number: w.number })}
      onCancel={props.onClose}
      onOk={() => form.submit()}
      confirmLoading={merge.isPending}
      destroyOnHidden
      data-testid="wo-merge-dialog"
    >
      <Typography.Paragraph type="secondary">{t('workOrders.merge.hint')}</Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={(v) => merge.mutate(v)}>
        <Form.Item name="otherId" label={t('workOrders.merge.other')} rules={[{ required: true }]}>
          <Select
            options={options}
            loading={candidates.isFetching}
            showSearch={{ optionFilterProp: 'label' }}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
