import { useEffect } from 'react';
import { App, Button, DatePicker, Drawer, Form, Select, Space } from 'antd';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import dayjs, { type Dayjs } from 'dayjs';
import type { TWorkOrder, TWorkOrderOperation } from '@greenmes/contracts';
import { applyFormErrors } from '../../../shared/lib/form-errors.ts';
import { useNotifyError } from '../../../shared/hooks/use-notify-error.ts';
import { workOrdersApi } from '../api/work-orders-api.ts';
import { useWorkCenterOptions } from '../hooks/use-production-queries.ts';
import { useSiteOf } from '../hooks/use-work-order-queries.ts';

interface Values {
  workCenterId?: string;
  shiftDate?: Dayjs | null;
  shiftCode?: string | null;
  operatorIds?: string[];
}

/** 派工: an operation to a work center, a shift of its site's calendar on a day, and operators (workers). */
export function DispatchDrawer(props: {
  order: TWorkOrder;
  operation: TWorkOrderOperation | null;
  onClose: () => void;
  onDone: (w: TWorkOrder) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const [form] = Form.useForm<Values>();
  const op = props.operation;
  const workCenters = useWorkCenterOptions();
  const workCenterId = Form.useWatch('workCenterId', form) ?? op?.workCenterId ?? null;
  const shiftDate = Form.useWatch('shiftDate', form) as Dayjs | null | undefined;
  const siteId = useSiteOf(workCenterId);
  const date = shiftDate ? shiftDate.format('YYYY-MM-DD') : null;
  const shifts = useQuery({
    queryKey: ['production', 'dispatch-shifts', siteId, date],
    queryFn: ({ signal }) => workOrdersApi.shifts(siteId!, date!, signal),
    enabled: siteId !== null && date !== null,
  });
  // wall-clock times of the enterprise's zone, not the browser's
  const clock = new Intl.DateTimeFormat('en-GB', {
    timeZone: shifts.data?.timezone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  const shiftOptions = (shifts.data?.instances ?? [])
    .filter((i) => i.date === date)
    .map((i) => ({
      value: i.shiftCode,
      label: `${i.shiftCode} ${i.shiftName} ${clock.format(new Date(i.start))}–${clock.format(new Date(i.end))}`,
    }));
  const workers = useQuery({
    queryKey: ['production', 'dispatch-workers'],
    queryFn: ({ signal }) => workOrdersApi.workers('', signal),
    enabled: op !== null,
    retry: false,
  });
  const workerOptions = (workers.data?.items ?? [])
    .filter((w) => w.isActive || op?.operatorIds.includes(w.id))
    .map((w) => ({ value: w.id, label: `${w.employeeNo} ${w.name}${w.teamName ? ` · ${w.teamName}` : ''}` }));

  useEffect(() => {
    if (!op) return;
    form.resetFields();
    form.setFieldsValue({
      workCenterId: op.workCenterId,
      shiftDate: op.shiftDate ? dayjs(op.shiftDate) : null,
      shiftCode: op.shiftCode,
      operatorIds: op.operatorIds,
    });
  }, [op, form]);

  const save = useMutation({
    mutationFn: (v: Values) =>
      workOrdersApi.dispatch(props.order.id, op!.seqNo, {
        workCenterId: v.workCenterId,
        shiftDate: v.shiftDate ? v.shiftDate.format('YYYY-MM-DD') : null,
        shiftCode: v.shiftDate ? (v.shiftCode ?? null) : null,
        operatorIds: v.operatorIds ?? [],
      }),
    onSuccess: (w) => {
      void message.success(t('workOrders.dispatch.done'));
      props.onDone(w);
    },
    onError: (e) => {
      if (!applyFormErrors(form, e)) notifyError(e);
    },
  });

  return (
    <Drawer
      open={op !== null}
      onClose={props.onClose}
      width={520}
      title={op ? t('workOrders.dispatch.title', { seq: op.seqNo, name: op.name }) : ''}
      extra={
        <Space>
          <Button onClick={props.onClose}>{t('common.cancel')}</Button>
          <Button
            type="primary"
            loading={save.isPending}
            onClick={() => form.submit()}
            data-testid="dispatch-save"
          >
            {t('common.save')}
          </Button>
        </Space>
      }
      destroyOnHidden
      data-testid="dispatch-drawer"
    >
      <Form<Values> form={form} layout="vertical" onFinish={(v) => save.mutate(v)}>
        <Form.Item
          name="workCenterId"
          label={t('workOrders.dispatch.workCenter')}
          rules={[{ required: true }]}
        >
          <Select options={workCenters} showSearch={{ optionFilterProp: 'label' }} />
        </Form.Item>
        <Form.Item name="shiftDate" label={t('workOrders.dispatch.shiftDate')}>
          <DatePicker onChange={() => form.setFieldValue('shiftCode', null)} />
        </Form.Item>
        <Form.Item
          name="shiftCode"
          label={t('workOrders.dispatch.shift')}
          rules={[{ required: date !== null }]}
          extra={
            date && !shifts.isFetching && shiftOptions.length === 0 ? t('workOrders.dispatch.noShifts') : null
          }
        >
          <Select options={shiftOptions} loading={shifts.isFetching} disabled={!date} allowClear />
        </Form.Item>
        <Form.Item name="operatorIds" label={t('workOrders.dispatch.operators')}>
          <Select
            mode="multiple"
            options={workerOptions}
            loading={workers.isFetching}
            showSearch={{ optionFilterProp: 'label' }}
          />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
