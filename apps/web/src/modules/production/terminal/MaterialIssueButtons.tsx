import { useEffect, useState } from 'react';
import { Alert, App, Button, Checkbox, Form, Input, Modal, Table, type ButtonProps } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { TOrderLot } from '@greenmes/contracts';
import { useCan } from '../../platform/hooks/use-me.ts';
import { applyFormErrors } from '../../../shared/lib/form-errors.ts';
import { genealogyApi, genealogyKeys } from '../api/genealogy-api.ts';
import { workOrderKeys } from '../hooks/use-work-order-queries.ts';
import { QuantityInput } from './ReportDialogs.tsx';
import { reportErrorMessage } from './report-error.ts';
import styles from './terminal.module.css';

interface Values {
  lotNumber: string;
  quantity: string | null;
  allowOverIssue?: boolean;
}

/**
 * 领料 / 退料 at the terminal: scan a lot label (the scanner types the number and Enter), the quantity,
 * confirm. The server's refusals land on the field they name (unknown lot or wrong material on the lot
 * number; not enough on hand, over the requirement or more than is at the order on the quantity).
 */
export function MaterialIssueButtons(props: {
  workOrderId: string;
  operationId: string;
  isOnFloor: boolean;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const canIssue = useCan('production.material.issue');
  const [mode, setMode] = useState<'issue' | 'return' | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [form] = Form.useForm<Values>();
  const materials = useQuery({
    queryKey: [...genealogyKeys.orderMaterials, props.workOrderId],
    queryFn: ({ signal }) => genealogyApi.orderMaterials(props.workOrderId, signal),
    enabled: canIssue,
  });
  useEffect(() => {
    if (mode) {
      form.resetFields();
      setError(null);
    }
  }, [mode, form]);
  const send = useMutation({
    mutationFn: (v: Values) =>
      mode === 'return'
        ? genealogyApi.return(props.workOrderId, {
            lotNumber: v.lotNumber.trim(),
            quantity: v.quantity ?? '',
          })
        : genealogyApi.issue(props.workOrderId, {
            lotNumber: v.lotNumber.trim(),
            quantity: v.quantity ?? '',
            operationId: props.operationId,
            allowOverIssue: v.allowOverIssue || undefined,
          }),
    onSuccess: (r) => {
      void message.success(
        t(mode === 'return' ? 'materialIssue.returnedDone' : 'materialIssue.issuedDone', {
          qty: r.move.quantity,
          unit: r.lot.unitCode,
          lot: r.lot.lotNumber,
        }),
      );
      setMode(null);
      void client.invalidateQueries({ queryKey: genealogyKeys.orderMaterials });
      void client.invalidateQueries({ queryKey: workOrderKeys.workOrders });
    },
    onError: (e) => {
      if (!applyFormErrors(form, e)) setError(e);
    },
  });
  if (!canIssue) return null;
  const lots = materials.data?.lots.filter((l) => l.issued !== '0') ?? [];
  return (
    <div>
      <div className={styles.actions}>
        <Button
          className={styles.action}
          disabled={!props.isOnFloor}
          onClick={() => setMode('issue')}
          data-testid="terminal-issue"
        >
          {t('materialIssue.issue')}
        </Button>
        <Button
          className={styles.action}
          disabled={lots.length === 0}
          onClick={() => setMode('return')}
          data-testid="terminal-return"
        >
          {t('materialIssue.return')}
        </Button>
      </div>
      {lots.length > 0 && (
        <Table<TOrderLot>
          size="small"
          rowKey="lotId"
          pagination={false}
          dataSource={lots}
          title={() => <strong>{t('materialIssue.lotsAtOrder')}</strong>}
          data-testid="terminal-issued-lots"
          style={{ marginTop: 12 }}
          columns={[
            { title: t('materialIssue.lotNumber'), dataIndex: 'lotNumber' },
            { title: t('lots.material'), render: (_, l) => `${l.materialCode} ${l.materialName}` },
            {
              title: t('materialIssue.issued'),
              align: 'right',
              render: (_, l) => `${l.issued} ${l.unitCode}`,
            },
            { title: t('materialIssue.consumed'), dataIndex: 'consumed', align: 'right' },
            { title: t('materialIssue.atOrder'), dataIndex: 'atOrder', align: 'right' },
          ]}
        />
      )}
      <Modal
        open={mode !== null}
        title={t(mode === 'return' ? 'materialIssue.returnTitle' : 'materialIssue.issueTitle')}
        confirmLoading={send.isPending}
        onCancel={() => setMode(null)}
        onOk={() => void form.validateFields().then((v) => send.mutate(v))}
        okButtonProps={{ size: 'large', 'data-testid': 'terminal-issue-ok' } as ButtonProps}
        cancelButtonProps={{ size: 'large' }}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={(v) => send.mutate(v)}>
          <Form.Item name="lotNumber" label={t('materialIssue.lotNumber')} rules={[{ required: true }]}>
            <Input
              autoFocus
              size="large"
              placeholder={t('materialIssue.lotPlaceholder')}
              // a scanner ends with Enter: move on to the quantity instead of submitting half a form
              onPressEnter={(e) => {
                e.preventDefault();
                document.querySelector<HTMLInputElement>('[data-testid="terminal-issue-qty"]')?.focus();
              }}
              data-testid="terminal-issue-lot"
            />
          </Form.Item>
          <Form.Item name="quantity" label={t('materialIssue.quantity')} rules={[{ required: true }]}>
            <QuantityInput testId="terminal-issue-qty" />
          </Form.Item>
          {mode === 'issue' && (
            <Form.Item name="allowOverIssue" valuePropName="checked">
              <Checkbox>{t('materialIssue.allowOver')}</Checkbox>
            </Form.Item>
          )}
        </Form>
        {error !== null && <Alert type="error" showIcon title={reportErrorMessage(error, t)} />}
      </Modal>
    </div>
  );
}
