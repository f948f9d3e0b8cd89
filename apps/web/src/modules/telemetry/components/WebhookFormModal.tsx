import { useEffect } from 'react';
import { App, Form, Input, Modal, Select, Switch } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { TCreatedWebhook, TCreateWebhook, TWebhook } from '@greenmes/contracts';
import { applyFormErrors } from '../../../shared/lib/form-errors.ts';
import { useNotifyError } from '../../../shared/hooks/use-notify-error.ts';
import { webhooksApi } from '../api/alarms-api.ts';
import { useInvalidateAlarms } from '../hooks/use-alarm-queries.ts';
import { severityOptions } from './alarm-tags.tsx';

type Values = Required<Pick<TCreateWebhook, 'name' | 'url' | 'minSeverity'>> & { isEnabled?: boolean };

export function WebhookFormModal(props: {
  open: boolean;
  webhook?: TWebhook;
  onClose: () => void;
  /** a new webhook comes back with its secret, shown once */
  onCreated: (webhook: TCreatedWebhook) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const invalidate = useInvalidateAlarms();
  const [form] = Form.useForm<Values>();
  const { open, webhook } = props;

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (webhook) form.setFieldsValue(webhook);
  }, [open, webhook, form]);

  const save = useMutation({
    mutationFn: async (values: Values) => {
      const body = {
        name: values.name.trim(),
        url: values.url.trim(),
        minSeverity: values.minSeverity,
        isEnabled: values.isEnabled ?? true,
      };
      if (webhook) {
        await webhooksApi.update(webhook.id, body);
        return null;
      }
      return webhooksApi.create(body);
    },
    onSuccess: (created) => {
      void invalidate();
      if (created) props.onCreated(created);
      else void message.success(t('common.saved'));
      props.onClose();
    },
    onError: (error) => {
      if (!applyFormErrors(form, error)) notifyError(error);
    },
  });

  return (
    <Modal
      open={open}
      title={webhook ? t('webhook.edit', { name: webhook.name }) : t('webhook.create')}
      onCancel={props.onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      okButtonProps={{ 'data-testid': 'webhook-save' }}
      forceRender
    >
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ minSeverity: 'warning', isEnabled: true }}
        onFinish={(values) => save.mutate(values)}
      >
        <Form.Item name="name" label={t('common.name')} rules={[{ required: true }, { max: 200 }]}>
          <Input data-testid="webhook-name" />
        </Form.Item>
        <Form.Item
          name="url"
          label={t('webhook.url')}
          extra={t('webhook.urlHelp')}
          rules={[{ required: true }, { type: 'url', message: t('webhook.urlInvalid') }, { max: 2000 }]}
        >
          <Input placeholder="https://" data-testid="webhook-url" />
        </Form.Item>
        <Form.Item name="minSeverity" label={t('webhook.minSeverity')} extra={t('webhook.minSeverityHelp')}>
          <Select options={severityOptions(t)} />
        </Form.Item>
        <Form.Item name="isEnabled" label={t('telemetry.isEnabled')} valuePropName="checked">
          <Switch />
        </Form.Item>
      </Form>
    </Modal>
  );
}
