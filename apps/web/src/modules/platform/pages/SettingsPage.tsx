import { useEffect } from 'react';
import { Alert, App, Button, Form, InputNumber, Select, Skeleton } from 'antd';
import { SaveOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { TSettings } from '@greenmes/contracts';
import { PageCard } from '../../../shared/components/PageCard.tsx';
import { applyFormErrors } from '../../../shared/lib/form-errors.ts';
import { useNotifyError } from '../../../shared/hooks/use-notify-error.ts';
import { settingsApi } from '../api/platform-api.ts';
import { useCan } from '../hooks/use-me.ts';
import { useInvalidatePlatform, useSettings } from '../hooks/use-platform-queries.ts';
import { errorMessage } from '../../../shared/lib/error-message.ts';

const TIMEZONES = [
  'Asia/Shanghai',
  'Asia/Hong_Kong',
  'Asia/Tokyo',
  'Asia/Singapore',
  'Europe/London',
  'Europe/Berlin',
  'America/New_York',
  'UTC',
];
const CURRENCIES = ['CNY', 'USD', 'EUR', 'HKD', 'JPY'];

/** Device-data retention per resolution, in days (limits as in the settings contract). */
const RETENTION_FIELDS = [
  { name: 'retentionRawDays', max: 3650 },
  { name: 'retentionMinuteDays', max: 3650 },
  { name: 'retentionHourDays', max: 7300 },
  { name: 'retentionDayDays', max: 36500 },
] as const;

export function SettingsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const invalidate = useInvalidatePlatform();
  const canManage = useCan('platform.setting.manage');
  const settings = useSettings();
  const [form] = Form.useForm<TSettings>();

  useEffect(() => {
    if (settings.data) form.setFieldsValue(settings.data);
  }, [settings.data, form]);

  const save = useMutation({
    mutationFn: (v: TSettings) => settingsApi.update(v),
    onSuccess: () => {
      void message.success(t('common.saved'));
      void invalidate();
    },
    onError: (error) => {
      if (!applyFormErrors(form, error)) notifyError(error);
    },
  });

  return (
    <PageCard title={t('menu.settings')} testId="settings-page">
      {settings.isLoading ? (
        <Skeleton active />
      ) : (
        <Form<TSettings>
          form={form}
          layout="vertical"
          disabled={!canManage}
          onFinish={(v) => save.mutate(v)}
          style={{ maxWidth: 520 }}
        >
          <Form.Item name="locale" label={t('settings.locale')} rules={[{ required: true }]}>
            <Select
              options={[
                { value: 'zh-CN', label: '简体中文' },
                { value: 'en-US', label: 'English' },
              ]}
            />
          </Form.Item>
          <Form.Item name="timezone" label={t('settings.timezone')} rules={[{ required: true }, { max: 64 }]}>
            <Select showSearch options={TIMEZONES.map((z) => ({ value: z, label: z }))} />
          </Form.Item>
          <Form.Item name="currency" label={t('settings.currency')} rules={[{ required: true, len: 3 }]}>
            <Select options={CURRENCIES.map((c) => ({ value: c, label: c }))} />
          </Form.Item>
          <Form.Item
            name="passwordMaxFailures"
            label={t('settings.passwordMaxFailures')}
            rules={[{ required: true }]}
          >
            <InputNumber min={3} max={20} precision={0} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="lockoutMinutes" label={t('settings.lockoutMinutes')} rules={[{ required: true }]}>
            <InputNumber
              min={1}
              max={1440}
              precision={0}
              style={{ width: '100%' }}
              addonAfter={t('settings.minutes')}
            />
          </Form.Item>
          <Form.Item name="sessionHours" label={t('settings.sessionHours')} rules={[{ required: true }]}>
            <InputNumber
              min={1}
              max={720}
              precision={0}
              style={{ width: '100%' }}
              addonAfter={t('settings.hours')}
            />
          </Form.Item>
          {RETENTION_FIELDS.map(({ name, max }) => (
            <Form.Item key={name} name={name} label={t(`settings.${name}`)} rules={[{ required: true }]}>
              <InputNumber
                min={1}
                max={max}
                precision={0}
                style={{ width: '100%' }}
                addonAfter={t('settings.days')}
              />
            </Form.Item>
          ))}
          {canManage && (
            <Button
              type="primary"
              htmlType="submit"
              icon={<SaveOutlined />}
              loading={save.isPending}
              data-testid="settings-save"
            >
              {t('common.save')}
            </Button>
          )}
        </Form>
      )}
      {settings.isError && <Alert type="error" showIcon title={errorMessage(settings.error, t)} />}
    </PageCard>
  );
}
