import { useState } from 'react';
import { Alert, App, Button, Card, Form, InputNumber, Modal, Space, Spin, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import type { TCounterProposal, TWorkerIdentity } from '@greenmes/contracts';
import { wipApi, wipKeys } from '../api/wip-api.ts';
import { jobReportKeys } from '../hooks/use-job-report-queries.ts';
import { workOrderKeys } from '../hooks/use-work-order-queries.ts';
import { reportErrorMessage } from './report-error.ts';
import { useClientId } from './use-client-id.ts';
import styles from './terminal.module.css';

/** the counter is re-read this often while the panel is open */
const REFRESH_MS = 15_000;

/**
 * 计数器: the good quantity the work center's part counters propose since the last confirmation, with its
 * source; the operator confirms it as a quantity report, or edits the number first. Shown only when some
 * equipment of the work center proposes from a counter.
 */
export function CounterProposalBox(props: {
  workOrderId: string;
  operationId: string;
  worker: TWorkerIdentity;
  canReport: boolean;
}) {
  const { workOrderId, operationId, worker } = props;
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const clientId = useClientId();
  const [editing, setEditing] = useState(false);
  const [form] = Form.useForm<{ goodQty: string }>();
  const proposal = useQuery({
    queryKey: [...wipKeys.proposal, operationId],
    queryFn: ({ signal }) => wipApi.proposal(workOrderId, operationId, signal),
    refetchInterval: REFRESH_MS,
  });
  const confirm = useMutation({
    mutationFn: (o: { p: TCounterProposal; goodQty?: string }) =>
      wipApi.confirm(workOrderId, operationId, {
        workerId: worker.id,
        to: o.p.to,
        ...(o.goodQty === undefined ? {} : { goodQty: o.goodQty }),
        clientId: clientId.take(`${operationId}:counter:${o.p.to}:${o.goodQty ?? ''}`),
      }),
    onSuccess: (r) => {
      clientId.forget();
      setEditing(false);
      void message.success(t('counter.confirmed', { qty: r.jobReport.report.goodQty }));
      void client.invalidateQueries({ queryKey: wipKeys.proposal });
      void client.invalidateQueries({ queryKey: workOrderKeys.workOrders });
      void client.invalidateQueries({ queryKey: jobReportKeys.reports });
    },
  });

  if (proposal.isPending)
    return (
      <Card size="small" title={t('counter.title')}>
        <Spin /> {t('counter.loading')}
      </Card>
    );
  const p = proposal.data;
  if (!p?.isConfigured) return null;
  const hasCounts = p.quantity !== '0';
  const time = (iso: string) => dayjs(iso).format('HH:mm');
  return (
    <Card size="small" title={t('counter.title')} data-testid="terminal-counter">
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Space size={24} align="center" wrap>
          <div className={styles.count}>
            <div className={styles.countLabel}>{t('counter.proposed')}</div>
            <div className={styles.countValue} data-testid="terminal-counter-qty">
              {p.quantity}
            </div>
          </div>
          <Button
            className={styles.action}
            type="primary"
            disabled={!props.canReport || !hasCounts || confirm.isPending}
            loading={confirm.isPending && !editing}
            onClick={() => confirm.mutate({ p })}
            data-testid="terminal-counter-confirm"
          >
            {t('counter.confirm')}
          </Button>
          <Button
            className={styles.action}
            disabled={!props.canReport || confirm.isPending}
            onClick={() => {
              form.setFieldsValue({ goodQty: p.quantity });
              setEditing(true);
            }}
            data-testid="terminal-counter-edit"
          >
            {t('counter.edit')}
          </Button>
        </Space>
        {hasCounts ? (
          p.sources.map((s) => (
            <Typography.Text key={s.metricId} type="secondary" data-testid="terminal-counter-source">
              {t('counter.source', {
                equipment: s.equipmentCode,
                metric: `${s.deviceCode}.${s.metricKey}`,
                counts: s.counts,
                factor: s.partsPerCount,
                minutes: s.minutes,
                from: time(s.from),
                to: time(s.to),
              })}
            </Typography.Text>
          ))
        ) : (
          <Typography.Text type="secondary">{t('counter.nothing')}</Typography.Text>
        )}
        {confirm.isError && !editing && (
          <Alert type="error" showIcon title={reportErrorMessage(confirm.error, t)} />
        )}
      </Space>
      <Modal
        open={editing}
        title={t('counter.editTitle')}
        okText={t('counter.confirm')}
        confirmLoading={confirm.isPending}
        onCancel={() => setEditing(false)}
        onOk={() => void form.validateFields().then((v) => confirm.mutate({ p, goodQty: String(v.goodQty) }))}
        destroyOnHidden
      >
        <Form form={form} layout="vertical">
          <Form.Item name="goodQty" label={t('counter.goodQty')} rules={[{ required: true }]}>
            <InputNumber<string> stringMode min="0" step="1" size="large" style={{ width: 240 }} />
          </Form.Item>
        </Form>
        {confirm.isError && <Alert type="error" showIcon title={reportErrorMessage(confirm.error, t)} />}
      </Modal>
    </Card>
  );
}
