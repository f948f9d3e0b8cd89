import { useEffect } from 'react';
import { App, Form, Input, InputNumber, Modal, Radio, Space } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { TAlarm } from '@greenmes/contracts';
import { applyFormErrors } from '../../../shared/lib/form-errors.ts';
import { useNotifyError } from '../../../shared/hooks/use-notify-error.ts';
import { alarmsApi } from '../api/alarms-api.ts';
import { useInvalidateAlarms } from '../hooks/use-alarm-queries.ts';

export type AlarmAction = { kind: 'acknowledge' | 'shelve'; alarm: TAlarm };

/** Shelving is for known nuisances during maintenance: short choices first, a week at most. */
const SHELVE_PRESETS = [30, 60, 240, 480, 1440];
const MAX_SHELVE_MINUTES = 10_080;

interface Values {
  comment?: string;
  preset?: number | 'custom';
  minutes?: number;
  reason?: string;
}

/** Acknowledge (with a comment) or shelve (for how long, and why) one alarm. */
export function AlarmActionModal(props: { action: AlarmAction | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const invalidate = useInvalidateAlarms();
  const [form] = Form.useForm<Values>();
  const preset = Form.useWatch('preset', form);
  const { action } = props;

  useEffect(() => {
    if (action) form.resetFields();
  }, [action, form]);

  const submit = useMutation({
    mutationFn: (values: Values) => {
      if (!action) throw new Error('no alarm');
      if (action.kind === 'acknowledge')
        return alarmsApi.acknowledge(action.alarm.id, { comment: (values.comment ?? '').trim() });
      const minutes = values.preset === 'custom' ? (values.minutes ?? 0) : (values.preset ?? 60);
      return alarmsApi.shelve(action.alarm.id, { minutes, reason: (values.reason ?? '').trim() });
    },
    onSuccess: () => {
      void message.success(t(action?.kind === 'shelve' ? 'alarm.shelved' : 'alarm.acknowledged'));
      void invalidate();
      props.onClose();
    },
    onError: (error) => {
      if (!applyFormErrors(form, error)) notifyError(error);
    },
  });

  const isShelve = action?.kind === 'shelve';
  return (
    <Modal
      open={action !== null}
      title={
        action
          ? t(isShelve ? 'alarm.shelveTitle' : 'alarm.acknowledgeTitle', { name: action.alarm.ruleName })
          : ''
      }
      onCancel={props.onClose}
      onOk={() => form.submit()}
      confirmLoading={submit.isPending}
      okText={t(isShelve ? 'alarm.shelve' : 'alarm.acknowledge')}
      okButtonProps={{ 'data-testid': 'alarm-action-ok' }}
      forceRender
    >
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ preset: 60 }}
        onFinish={(values) => submit.mutate(values)}
      >
        {isShelve ? (
          <>
            <Form.Item name="preset" label={t('alarm.shelveFor')}>
              <Radio.Group
                optionType="button"
                options={[
                  ...SHELVE_PRESETS.map((m) => ({ value: m, label: t('alarm.minutesShort', { count: m }) })),
                  { value: 'custom', label: t('alarm.custom') },
                ]}
              />
            </Form.Item>
            {preset === 'custom' && (
              <Form.Item name="minutes" label={t('alarm.minutes')} rules={[{ required: true }]}>
                <InputNumber min={1} max={MAX_SHELVE_MINUTES} precision={0} style={{ width: 200 }} />
              </Form.Item>
            )}
            <Form.Item
              name="reason"
              label={t('alarm.shelveReason')}
              rules={[{ required: true, whitespace: true }, { max: 500 }]}
            >
              <Input.TextArea rows={3} data-testid="alarm-shelve-reason" />
            </Form.Item>
          </>
        ) : (
          <Space orientation="vertical" style={{ width: '100%' }}>
            <Form.Item
              name="comment"
              label={t('alarm.ackComment')}
              rules={[{ required: true, whitespace: true }, { max: 1000 }]}
            >
              <Input.TextArea
                rows={3}
                data-testid="alarm-ack-comment"
                placeholder={t('alarm.ackPlaceholder')}
              />
            </Form.Item>
          </Space>
        )}
      </Form>
    </Modal>
  );
}
