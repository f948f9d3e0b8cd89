import { useState } from 'react';
import { Alert, App, Button, Form, InputNumber, Modal, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { TWorkerIdentity } from '@greenmes/contracts';
import { wipApi, wipKeys } from '../api/wip-api.ts';
import { workOrderKeys } from '../hooks/use-work-order-queries.ts';
import { reportErrorMessage } from './report-error.ts';
import styles from './terminal.module.css';

/**
 * 转移到下道工序: with explicit transfers on (an enterprise setting), good quantity reaches the next operation only
 * when transferred; this shows what may go and sends it. Nothing is shown while transfers are automatic.
 */
export function TransferButton(props: {
  workOrderId: string;
  operationId: string;
  worker: TWorkerIdentity;
  canReport: boolean;
}) {
  const { workOrderId, operationId, worker } = props;
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{ quantity: string }>();
  const balance = useQuery({
    queryKey: [...wipKeys.transfers, operationId],
    queryFn: ({ signal }) => wipApi.transfers(workOrderId, operationId, signal),
    refetchInterval: 10_000,
  });
  const send = useMutation({
    mutationFn: (quantity: string) =>
      wipApi.transfer(workOrderId, operationId, { quantity, workerId: worker.id }),
    onSuccess: (r) => {
      setOpen(false);
      void message.success(t('transfer.done', { qty: r.quantity }));
      void client.invalidateQueries({ queryKey: wipKeys.transfers });
      void client.invalidateQueries({ queryKey: workOrderKeys.workOrders });
    },
  });
  const b = balance.data;
  if (!b?.explicitTransfers) return null;
  return (
    <div>
      {b.transferredIn !== null && (
        <Typography.Text style={{ marginRight: 16 }} data-testid="terminal-transferred-in">
          {t('transfer.transferredIn', { qty: b.transferredIn })}
        </Typography.Text>
      )}
      {b.nextOperationId !== null && (
        <>
          <Typography.Text style={{ marginRight: 16 }}>
            {t('transfer.available', { qty: b.available, good: b.good, out: b.transferredOut })}
          </Typography.Text>
          <Button
            className={styles.action}
            disabled={!props.canReport || b.available === '0'}
            onClick={() => {
              send.reset();
              form.setFieldsValue({ quantity: b.available });
              setOpen(true);
            }}
            data-testid="terminal-transfer"
          >
            {t('transfer.button')}
          </Button>
        </>
      )}
      <Modal
        open={open}
        title={t('transfer.title')}
        confirmLoading={send.isPending}
        onCancel={() => setOpen(false)}
        onOk={() => void form.validateFields().then((v) => send.mutate(String(v.quantity)))}
        destroyOnHidden
      >
        <Form form={form} layout="vertical">
          <Form.Item name="quantity" label={t('transfer.quantity')} rules={[{ required: true }]}>
            <InputNumber<string> stringMode min="0" max={b.available} size="large" style={{ width: 240 }} />
          </Form.Item>
        </Form>
        {send.isError && <Alert type="error" showIcon title={reportErrorMessage(send.error, t)} />}
      </Modal>
    </div>
  );
}
