import { useEffect } from 'react';
import { App, Form, Input, Modal, Switch } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { TCreateGateway, TGateway } from '@greenmes/contracts';
import { applyFormErrors } from '../../../shared/lib/form-errors.ts';
import { useNotifyError } from '../../../shared/hooks/use-notify-error.ts';
import { gatewaysApi } from '../api/gateways-api.ts';
import { useInvalidateTelemetry } from '../hooks/use-telemetry-queries.ts';

type Values = Required<Pick<TCreateGateway, 'code' | 'name'>> & {
  description?: string | null;
  isEnabled?: boolean;
};

export function GatewayFormModal(props: {
  open: boolean;
  gateway?: TGateway;
  onClose: () => void;
  onSaved?: (gateway: TGateway) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const invalidate = useInvalidateTelemetry();
  const [form] = Form.useForm<Values>();
  const { open, gateway } = props;

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (gateway) form.setFieldsValue(gateway);
  }, [open, gateway, form]);

  const save = useMutation({
    mutationFn: (values: Values) => {
      const body: TCreateGateway = {
        code: values.code.trim(),
        name: values.name.trim(),
        description: values.description?.trim() ? values.description.trim() : null,
        isEnabled: values.isEnabled ?? true,
      };
      return gateway ? gatewaysApi.update(gateway.id, body) : gatewaysApi.create(body);
    },
    onSuccess: (saved) => {
      void message.success(t('common.saved'));
      void invalidate();
      props.onSaved?.(saved);
      props.onClose();
    },
    onError: (error) => {
      if (!applyFormErrors(form, error)) notifyError(error);
    },
  });

  return (
    <Modal
      open={open}
      title={gateway ? t('gateway.edit', { name: gateway.name }) : t('gateway.create')}
      onCancel={props.onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      okButtonProps={{ 'data-testid': 'gateway-save' }}
      forceRender
    >
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ isEnabled: true }}
        onFinish={(values) => save.mutate(values)}
      >
        <Form.Item
          name="code"
          label={t('common.code')}
          extra={t('gateway.codeHelp')}
          rules={[{ required: true }, { max: 64 }]}
        >
          <Input data-testid="gateway-code" />
        </Form.Item>
        <Form.Item name="name" label={t('common.name')} rules={[{ required: true }, { max: 200 }]}>
          <Input data-testid="gateway-name" />
        </Form.Item>
        <Form.Item name="description" label={t('common.description')}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
        <Form.Item name="isEnabled" label={t('telemetry.isEnabled')} valuePropName="checked">
          <Switch />
        </Form.Item>
      </Form>
    </Modal>
  );
}
