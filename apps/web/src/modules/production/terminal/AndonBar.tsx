import { useState } from 'react';
import { Alert, App, Button, Form, Input, Modal, Radio, Space, Tag } from 'antd';
import { AlertOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import {
  ANDON_KINDS,
  type AndonKind,
  type JobReportKind,
  type TAndonException,
  type TWorkerIdentity,
} from '@greenmes/contracts';
import { applyFormErrors } from '../../../shared/lib/form-errors.ts';
import { useNotifyError } from '../../../shared/hooks/use-notify-error.ts';
import { useCan } from '../../platform/hooks/use-me.ts';
import { andonApi } from '../api/andon-api.ts';
import { andonKeys, useNow } from '../hooks/use-andon-queries.ts';
import { jobReportKeys } from '../hooks/use-job-report-queries.ts';
import { workOrderKeys } from '../hooks/use-work-order-queries.ts';
import { ANDON_KIND_COLOR, ANDON_STATUS_COLOR, elapsed } from '../lib/andon.ts';
import { useClientId } from './use-client-id.ts';
import styles from './terminal.module.css';
import andonStyles from './andon.module.css';

/** While a stopping exception is unresolved the operation takes only a pause (the server refuses the rest). */
export function reportableKinds(kinds: JobReportKind[], exceptions: TAndonException[] | undefined) {
  return exceptions?.some((x) => x.isStopping) ? kinds.filter((k) => k === 'pause') : kinds;
}

interface Values {
  kind: AndonKind;
  isStopping: boolean;
  description: string;
}

/**
 * The terminal's Andon: a large button that raises an exception on the operation for the signed-in
 * worker (kind, stop or only flag, what happened), and the operation's unresolved exceptions — a
 * stopping one says why the report buttons are disabled.
 */
export function AndonBar(props: {
  operationId: string;
  worker: TWorkerIdentity;
  exceptions: TAndonException[] | undefined;
}) {
  const { operationId, worker, exceptions = [] } = props;
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const canRaise = useCan('production.andon.raise');
  const notifyError = useNotifyError();
  const clientId = useClientId();
  const now = useNow();
  const [open, setOpen] = useState<number | null>(null);
  const [form] = Form.useForm<Values>();
  const raise = useMutation({
    mutationFn: (v: Values) =>
      andonApi.raise({
        ...v,
        operationId,
        workerId: worker.id,
        clientId: clientId.take(`andon:${operationId}:${open}`),
      }),
    onSuccess: () => {
      clientId.forget();
      setOpen(null);
      void message.success(t('andon.terminal.raised'));
      void client.invalidateQueries({ queryKey: andonKeys.all });
      // a stop pauses the running operation: its status and reports change too
      void client.invalidateQueries({ queryKey: workOrderKeys.workOrders });
      void client.invalidateQueries({ queryKey: jobReportKeys.reports });
    },
    onError: (e) => {
      if (!applyFormErrors(form, e)) notifyError(e);
    },
  });
  const stopping = exceptions.find((x) => x.isStopping);

  return (
    <Space orientation="vertical" size={8} style={{ width: '100%' }} data-testid="terminal-andon">
      <div className={andonStyles.row}>
        <Button
          danger
          type="primary"
          className={andonStyles.button}
          icon={<AlertOutlined />}
          disabled={!canRaise}
          onClick={() => {
            clientId.forget();
            form.resetFields();
            form.setFieldsValue({ kind: 'equipment_fault', isStopping: false, description: '' });
            setOpen(Date.now());
          }}
          data-testid="terminal-andon-raise"
        >
          {t('andon.terminal.button')}
        </Button>
        <div className={andonStyles.list}>
          {exceptions.length === 0 && <span style={{ color: '#8c8c8c' }}>{t('andon.terminal.none')}</span>}
          {exceptions.map((x) => (
            <Tag
              key={x.id}
              color={ANDON_KIND_COLOR[x.kind]}
              className={andonStyles.tag}
              data-testid="terminal-andon-item"
            >
              {x.isStopping ? t('andon.stop') : t('andon.flag')} · {t(`andon.kind.${x.kind}`)} ·{' '}
              {x.description} ·{' '}
              <Tag color={ANDON_STATUS_COLOR[x.status]}>{t(`andon.status.${x.status}`)}</Tag>
              {elapsed(x.raisedAt, now)}
            </Tag>
          ))}
        </div>
      </div>
      {stopping && (
        <Alert
          type="error"
          showIcon
          data-testid="terminal-andon-stopped"
          title={t('andon.terminal.stopped', {
            kind: t(`andon.kind.${stopping.kind}`),
            description: stopping.description,
          })}
        />
      )}
      <Modal
        open={open !== null}
        title={t('andon.terminal.title')}
        onCancel={() => setOpen(null)}
        onOk={() => form.submit()}
        okText={t('andon.terminal.submit')}
        okButtonProps={{
          danger: true,
          size: 'large',
          loading: raise.isPending,
          'data-testid': 'terminal-andon-submit',
        }}
        cancelButtonProps={{ size: 'large' }}
        width={720}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={(v) => raise.mutate(v)} className={styles.big}>
          <Form.Item name="kind" label={t('andon.kindLabel')} rules={[{ required: true }]}>
            <Radio.Group
              optionType="button"
              buttonStyle="solid"
              size="large"
              data-testid="terminal-andon-kind"
            >
              {ANDON_KINDS.map((k) => (
                <Radio.Button key={k} value={k}>
                  <span data-testid={`terminal-andon-kind-${k}`}>{t(`andon.kind.${k}`)}</span>
                </Radio.Button>
              ))}
            </Radio.Group>
          </Form.Item>
          <Form.Item name="isStopping" label={t('andon.effect')} rules={[{ required: true }]}>
            <Radio.Group optionType="button" buttonStyle="solid" size="large">
              <Radio.Button value={false}>
                <span data-testid="terminal-andon-flag">{t('andon.flagHint')}</span>
              </Radio.Button>
              <Radio.Button value={true}>
                <span data-testid="terminal-andon-stop">{t('andon.stopHint')}</span>
              </Radio.Button>
            </Radio.Group>
          </Form.Item>
          <Form.Item
            name="description"
            label={t('andon.description')}
            rules={[{ required: true, whitespace: true, max: 1000 }]}
          >
            <Input.TextArea rows={3} maxLength={1000} data-testid="terminal-andon-description" />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}
