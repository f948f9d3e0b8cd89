import { useEffect, useState } from 'react';
import { App, Button, Col, Divider, Drawer, Form, Input, Row, Space, Typography } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { TMetricDefinition } from '@greenmes/contracts';
import { applyFormErrors } from '../../../shared/lib/form-errors.ts';
import { useNotifyError } from '../../../shared/hooks/use-notify-error.ts';
import { profilesApi } from '../api/profiles-api.ts';
import { useInvalidateTelemetry, useProfile } from '../hooks/use-telemetry-queries.ts';
import { definitionToRow } from './metric-row.ts';
import { MetricsTable } from './MetricsTable.tsx';

interface Values {
  code: string;
  name: string;
  description?: string | null;
}

export interface ProfileFormDrawerProps {
  open: boolean;
  /** Edit this profile; absent = create. */
  profileId?: string;
  canManage: boolean;
  onClose: () => void;
}

/**
 * A device profile: its header fields, and its metric definitions. A new profile's metrics are
 * collected here and created with it; an existing profile's metrics are saved one by one as edited,
 * because every device of the profile picks them up at once.
 */
export function ProfileFormDrawer({ open, profileId, canManage, onClose }: ProfileFormDrawerProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const invalidate = useInvalidateTelemetry();
  const [form] = Form.useForm<Values>();
  const profile = useProfile(open ? profileId : undefined);
  const [draftMetrics, setDraftMetrics] = useState<TMetricDefinition[]>([]);
  const existing = profile.data;

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    setDraftMetrics([]);
  }, [open, profileId, form]);
  useEffect(() => {
    if (open && existing)
      form.setFieldsValue({ code: existing.code, name: existing.name, description: existing.description });
  }, [open, existing, form]);

  const save = useMutation({
    mutationFn: (values: Values) => {
      const header = {
        code: values.code.trim(),
        name: values.name.trim(),
        description: values.description?.trim() ? values.description.trim() : null,
      };
      return profileId
        ? profilesApi.update(profileId, header)
        : profilesApi.create({ ...header, metrics: draftMetrics });
    },
    onSuccess: () => {
      void message.success(t('common.saved'));
      void invalidate();
      onClose();
    },
    onError: (error) => {
      if (!applyFormErrors(form, error)) notifyError(error);
    },
  });

  const afterMetricWrite = (saved: unknown) => {
    void invalidate();
    return saved;
  };
  const metricsTable = profileId ? (
    <MetricsTable
      testId="profile-metrics"
      rows={existing?.metrics ?? []}
      loading={profile.isFetching}
      canEdit={canManage}
      onCreate={(def) => profilesApi.createMetric(profileId, def).then(afterMetricWrite)}
      onUpdate={(row, def) => profilesApi.updateMetric(profileId, String(row.id), def).then(afterMetricWrite)}
      onDelete={(row) => profilesApi.deleteMetric(profileId, String(row.id)).then(afterMetricWrite)}
    />
  ) : (
    <MetricsTable
      testId="profile-metrics"
      rows={draftMetrics.map(definitionToRow)}
      canEdit
      onCreate={async (def) => setDraftMetrics((list) => [...list, def])}
      onUpdate={async (row, def) =>
        setDraftMetrics((list) => list.map((m) => (m.key === row.key ? { ...m, ...def } : m)))
      }
      onDelete={async (row) => setDraftMetrics((list) => list.filter((m) => m.key !== row.key))}
    />
  );

  return (
    <Drawer
      open={open}
      onClose={onClose}
      size={960}
      title={existing ? t('profile.edit', { name: existing.name }) : t('profile.create')}
      destroyOnHidden
      extra={
        canManage && (
          <Space>
            <Button onClick={onClose}>{t('common.cancel')}</Button>
            <Button
              type="primary"
              loading={save.isPending}
              onClick={() => form.submit()}
              data-testid="profile-save"
            >
              {t('common.save')}
            </Button>
          </Space>
        )
      }
    >
      <Form<Values>
        form={form}
        layout="vertical"
        disabled={!canManage}
        onFinish={(values) => save.mutate(values)}
        data-testid="profile-form"
      >
        <Row gutter={16}>
          <Col span={8}>
            <Form.Item name="code" label={t('common.code')} rules={[{ required: true }, { max: 64 }]}>
              <Input data-testid="profile-code" />
            </Form.Item>
          </Col>
          <Col span={16}>
            <Form.Item name="name" label={t('common.name')} rules={[{ required: true }, { max: 200 }]}>
              <Input data-testid="profile-name" />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="description" label={t('common.description')}>
              <Input.TextArea rows={2} maxLength={2000} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
      <Divider titlePlacement="start">{t('profile.metrics')}</Divider>
      <Typography.Paragraph type="secondary">
        {profileId
          ? t('profile.metricsSavedAtOnce', { count: existing?.deviceCount ?? 0 })
          : t('profile.metricsWithProfile')}
      </Typography.Paragraph>
      {metricsTable}
    </Drawer>
  );
}
