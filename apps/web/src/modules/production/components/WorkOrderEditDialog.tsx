import { useEffect } from 'react';
import { App, DatePicker, Form, Input, InputNumber, Modal } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import dayjs, { type Dayjs } from 'dayjs';
import type { TWorkOrder } from '@greenmes/contracts';
import { applyFormErrors } from '../../../shared/lib/form-errors.ts';
import { useNotifyError } from '../../../shared/hooks/use-notify-error.ts';
import { workOrdersApi } from '../api/work-orders-api.ts';

interface Values {
  priority?: number;
  dueDate?: Dayjs | null;
  planned?: [Dayjs | null, Dayjs | null] | null;
  note?: string;
}

/** Priority, due date, planned start/end and note of an order that is not finished yet. */
export function WorkOrderEditDialog(props: {
  order: TWorkOrder;
  open: boolean;
  onClose: () => void;
  onDone: (w: TWorkOrder) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const [form] = Form.useForm<Values>();
  const w = props.order;
  useEffect(() => {
    if (!props.open) return;
    form.setFieldsValue({
      priority: w.priority,
      dueDate: w.dueDate ? dayjs(w.dueDate) : null,
      planned: [w.plannedStart ? dayjs(w.plannedStart) : null, w.plannedEnd ? dayjs(w.plannedEnd) : null],
      note: w.note ?? '',
    });
  }, [props.open, w, form]);
  const save = useMutation({
    mutationFn: (v: Values) =>
      workOrdersApi.update(w.id, {
        priority: v.priority ?? w.priority,
        dueDate: v.dueDate ? v.dueDate.format('YYYY-MM-DD') : null,
        plannedStart: v.planned?.[0] ? v.planned[0].toISOString() : null,
        plannedEnd: v.planned?.[1] ? v.planned[1].toISOString() : null,
        note: v.note?.trim() || null,
      }),
    onSuccess: (next) => {
      void message.success(t('common.saved'));
      props.onDone(next);
    },
    onError: (e) => {
      if (!applyFormErrors(form, e)) notifyError(e);
    },
  });
  return (
    <Modal
      open={props.open}
      title={`${t('workOrders.edit')} · ${w.number}`}
      onCancel={props.onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      destroyOnHidden
    >
      <Form<Values> form={form} layout="vertical" onFinish={(v) => save.mutate(v)}>
        <Form.Item name="priority" label={t('workOrders.priority')}>
          <InputNumber min={1} max={9} precision={0} />
        </Form.Item>
        <Form.Item name="dueDate" label={t('workOrders.dueDate')}>
          <DatePicker />
        </Form.Item>
        <Form.Item name="planned" label={`${t('workOrders.plannedStart')} ~ ${t('workOrders.plannedEnd')}`}>
          <DatePicker.RangePicker
            showTime={{ format: 'HH:mm' }}
            format="YYYY-MM-DD HH:mm"
            allowEmpty={[true, true]}
          />
        </Form.Item>
        <Form.Item name="note" label={t('workOrders.note')}>
          <Input.TextArea rows={2} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
