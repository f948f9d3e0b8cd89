import { useEffect, useState } from 'react';
import {
  App,
  Button,
  Col,
  Divider,
  Drawer,
  Form,
  Input,
  InputNumber,
  Row,
  Space,
  Switch,
  Typography,
} from 'antd';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { TCreateDevice, TDevice, TMetricDefinition } from '@greenmes/contracts';
import { useCan } from '../../platform/hooks/use-me.ts';
import { RemoteSelect } from '../../../shared/components/RemoteSelect.tsx';
import { applyFormErrors } from '../../../shared/lib/form-errors.ts';
import { useNotifyError } from '../../../shared/hooks/use-notify-error.ts';
import { devicesApi } from '../api/devices-api.ts';
import { useInvalidateTelemetry } from '../hooks/use-telemetry-queries.ts';
import { definitionToRow } from './metric-row.ts';
import { MetricsTable } from './MetricsTable.tsx';
import { DeviceMetricsEditor } from './DeviceMetricsEditor.tsx';
import { optionSources, selectedOption } from './telemetry-options.ts';

interface Values {
  code: string;
  name: string;
  description?: string | null;
  gatewayId?: string | null;
  profileId?: string | null;
  equipmentId?: string | null;
  isEnabled?: boolean;
  offlineAfterSeconds?: number | null;
}

export interface DeviceFormDrawerProps {
  open: boolean;
  /** Edit this device; absent = create. */
  device?: TDevice;
  defaultGatewayId?: string;
  onClose: () => void;
  onSaved?: (device: TDevice) => void;
}

/**
 * A device: where its data comes through (gateway), what it measures (profile + its own metrics),
 * and which piece of equipment it belongs to. A new device's own metrics are created with it; an
 * existing device's metrics are saved as they are edited.
 */
export function DeviceFormDrawer({
  open,
  device,
  defaultGatewayId,
  onClose,
  onSaved,
}: DeviceFormDrawerProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const invalidate = useInvalidateTelemetry();
  const canReadEquipment = useCan('modeling.equipment.read');
  const [form] = Form.useForm<Values>();
  const [draftMetrics, setDraftMetrics] = useState<TMetricDefinition[]>([]);

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    setDraftMetrics([]);
    if (device) form.setFieldsValue(device);
    else form.setFieldsValue({ gatewayId: defaultGatewayId ?? null, isEnabled: true });
  }, [open, device, defaultGatewayId, form]);

  const save = useMutation({
    mutationFn: (values: Values) => {
      const body = {
        code: values.code.trim(),
        name: values.name.trim(),
        description: values.description?.trim() ? values.description.trim() : null,
        gatewayId: values.gatewayId ?? null,
        profileId: values.profileId ?? null,
        equipmentId: values.equipmentId ?? null,
        isEnabled: values.isEnabled ?? true,
        ...(values.offlineAfterSeconds ? { offlineAfterSeconds: values.offlineAfterSeconds } : {}),
      };
      return device
        ? devicesApi.update(device.id, body)
        : devicesApi.create({ ...body, metrics: draftMetrics } satisfies TCreateDevice);
    },
    onSuccess: (saved) => {
      void message.success(t('common.saved'));
      void invalidate();
      onSaved?.(saved);
      onClose();
    },
    onError: (error) => {
      if (!applyFormErrors(form, error)) notifyError(error);
    },
  });

  return (
    <Drawer
      open={open}
      onClose={onClose}
      size={960}
      title={device ? t('device.edit', { name: device.name }) : t('device.create')}
      destroyOnHidden
      extra={
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button
            type="primary"
            loading={save.isPending}
            onClick={() => form.submit()}
            data-testid="device-save"
          >
            {t('common.save')}
          </Button>
        </Space>
      }
    >
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={(values) => save.mutate(values)}
        data-testid="device-form"
      >
        <Row gutter={16}>
          <Col span={8}>
            <Form.Item
              name="code"
              label={t('common.code')}
              extra={t('device.codeHelp')}
              rules={[{ required: true }, { max: 64 }]}
            >
              <Input data-testid="device-code" />
            </Form.Item>
          </Col>
          <Col span={16}>
            <Form.Item name="name" label={t('common.name')} rules={[{ required: true }, { max: 200 }]}>
              <Input data-testid="device-name" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="gatewayId" label={t('device.gateway')} extra={t('device.gatewayHelp')}>
              <RemoteSelect
                {...optionSources.gateways}
                selectedOption={device && selectedOption(device.gatewayId, device.gatewayCode)}
                placeholder={t('device.noGateway')}
                data-testid="device-gateway"
              />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="profileId" label={t('device.profile')}>
              <RemoteSelect
                {...optionSources.profiles}
                selectedOption={device && selectedOption(device.profileId, device.profileCode)}
                placeholder={t('device.noProfile')}
                data-testid="device-profile"
              />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="equipmentId" label={t('device.equipment')}>
              <RemoteSelect
                {...optionSources.equipment}
                disabled={!canReadEquipment}
                selectedOption={
                  device && selectedOption(device.equipmentId, device.equipmentCode, device.equipmentName)
                }
                placeholder={t('device.noEquipment')}
                data-testid="device-equipment"
              />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item
              name="offlineAfterSeconds"
              label={t('device.offlineAfterSeconds')}
              extra={t('device.offlineAfterHelp')}
            >
              <InputNumber
                min={10}
                max={604800}
                precision={0}
                style={{ width: '100%' }}
                suffix={t('telemetry.seconds')}
              />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="isEnabled" label={t('telemetry.isEnabled')} valuePropName="checked">
              <Switch />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="description" label={t('common.description')}>
              <Input.TextArea rows={2} maxLength={2000} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
      <Divider titlePlacement="start">{t('device.ownMetrics')}</Divider>
      <Typography.Paragraph type="secondary">{t('device.ownMetricsHelp')}</Typography.Paragraph>
      {device ? (
        <DeviceMetricsEditor deviceId={device.id} canEdit />
      ) : (
        <MetricsTable
          testId="device-metrics"
          rows={draftMetrics.map(definitionToRow)}
          canEdit
          onCreate={async (def) => setDraftMetrics((list) => [...list, def])}
          onUpdate={async (row, def) =>
            setDraftMetrics((list) => list.map((m) => (m.key === row.key ? { ...m, ...def } : m)))
          }
          onDelete={async (row) => setDraftMetrics((list) => list.filter((m) => m.key !== row.key))}
        />
      )}
    </Drawer>
  );
}
