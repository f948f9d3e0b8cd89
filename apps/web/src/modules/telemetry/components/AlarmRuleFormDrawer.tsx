import { useEffect } from 'react';
import { App, Button, Col, Drawer, Form, Input, InputNumber, Radio, Row, Select, Space, Switch } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import {
  ALARM_RULE_SETTINGS,
  ALARM_RULE_TYPES,
  ZCreateAlarmRule,
  type AlarmRuleType,
  type TAlarmRule,
  type TCreateAlarmRule,
} from '@greenmes/contracts';
import { RemoteSelect } from '../../../shared/components/RemoteSelect.tsx';
import { applyFormErrors } from '../../../shared/lib/form-errors.ts';
import { useNotifyError } from '../../../shared/hooks/use-notify-error.ts';
import { alarmRulesApi } from '../api/alarms-api.ts';
import { useInvalidateAlarms } from '../hooks/use-alarm-queries.ts';
import { useDeviceMetrics, useProfile } from '../hooks/use-telemetry-queries.ts';
import { severityOptions } from './alarm-tags.tsx';
import { optionSources, selectedOption } from './telemetry-options.ts';

const SETTINGS = [
  'threshold',
  'deadband',
  'durationSeconds',
  'ratePerMinute',
  'windowSeconds',
  'stateValue',
  'noDataMinutes',
] as const;
type Setting = (typeof SETTINGS)[number];

interface Values extends Partial<Record<Setting, number | string | null>> {
  name: string;
  targetKind: 'metric' | 'profile';
  deviceId?: string | null;
  metricId?: number | null;
  profileId?: string | null;
  metricKey?: string | null;
  type: AlarmRuleType;
  severity: TCreateAlarmRule['severity'];
  message?: string | null;
  isEnabled?: boolean;
}

/** Every setting is sent: the unused ones as null, so a PATCH that changes the type leaves none behind. */
function toPayload(values: Values): TCreateAlarmRule {
  const { uses } = ALARM_RULE_SETTINGS[values.type];
  const settings = Object.fromEntries(
    SETTINGS.map((key) => {
      const value = values[key];
      return [key, uses.includes(key) && value !== undefined && value !== '' ? value : null];
    }),
  );
  const isMetric = values.targetKind === 'metric';
  return {
    name: values.name?.trim() ?? '',
    type: values.type,
    severity: values.severity,
    message: values.message?.trim() ? values.message.trim() : null,
    isEnabled: values.isEnabled ?? true,
    metricId: isMetric ? (values.metricId ?? null) : null,
    profileId: isMetric ? null : (values.profileId ?? null),
    metricKey: isMetric ? null : (values.metricKey ?? null),
    ...settings,
  } as TCreateAlarmRule;
}

/** An alarm rule; the condition fields shown are the ones its type uses. */
export function AlarmRuleFormDrawer(props: { open: boolean; rule?: TAlarmRule; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const invalidate = useInvalidateAlarms();
  const [form] = Form.useForm<Values>();
  const type = Form.useWatch('type', form) ?? 'high';
  const targetKind = Form.useWatch('targetKind', form) ?? 'metric';
  const deviceId = Form.useWatch('deviceId', form) ?? undefined;
  const profileId = Form.useWatch('profileId', form) ?? undefined;
  const metricId = Form.useWatch('metricId', form);
  const metrics = useDeviceMetrics(targetKind === 'metric' ? deviceId : undefined);
  const profile = useProfile(targetKind === 'profile' ? profileId : undefined);
  const { open, rule } = props;
  const uses = new Set<string>(ALARM_RULE_SETTINGS[type].uses);
  const requires = new Set<string>(ALARM_RULE_SETTINGS[type].requires);

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (rule)
      form.setFieldsValue({
        ...rule,
        targetKind: rule.profileId ? 'profile' : 'metric',
        deadband: rule.deadband || null,
        durationSeconds: rule.durationSeconds || null,
      });
  }, [open, rule, form]);

  const save = useMutation({
    mutationFn: (payload: TCreateAlarmRule) =>
      rule ? alarmRulesApi.update(rule.id, payload) : alarmRulesApi.create(payload),
    onSuccess: () => {
      void message.success(t('common.saved'));
      void invalidate();
      props.onClose();
    },
    onError: (error) => {
      if (!applyFormErrors(form, error)) notifyError(error);
    },
  });
  const submit = (values: Values) => {
    const payload = toPayload(values);
    // the server's cross-field rules, checked here so the message lands beside the field
    const parsed = ZCreateAlarmRule.safeParse(payload);
    if (!parsed.success) {
      form.setFields(
        parsed.error.issues.map((issue) => ({
          name: issue.path.slice(0, 1) as [keyof Values],
          errors: [issue.message],
        })),
      );
      return;
    }
    save.mutate(payload);
  };

  const metricOptions = (metrics.data ?? []).map((m) => ({
    value: m.id,
    label: `${m.name} (${m.key}${m.unitCode ? `, ${m.unitCode}` : ''})`,
  }));
  const states =
    targetKind === 'metric'
      ? metrics.data?.find((m) => m.id === metricId)?.states
      : profile.data?.metrics.find((m) => m.key === form.getFieldValue('metricKey'))?.states;
  const numberField = (name: Setting, label: string, extra?: string, min?: number, precision?: number) =>
    uses.has(name) && (
      <Col span={12} key={name}>
        <Form.Item name={name} label={label} extra={extra} rules={[{ required: requires.has(name) }]}>
          <InputNumber
            min={min}
            precision={precision}
            style={{ width: '100%' }}
            data-testid={`rule-${name}`}
          />
        </Form.Item>
      </Col>
    );

  return (
    <Drawer
      open={open}
      onClose={props.onClose}
      size={720}
      title={rule ? t('alarmRule.edit', { name: rule.name }) : t('alarmRule.create')}
      destroyOnHidden
      extra={
        <Space>
          <Button onClick={props.onClose}>{t('common.cancel')}</Button>
          <Button
            type="primary"
            loading={save.isPending}
            onClick={() => form.submit()}
            data-testid="rule-save"
          >
            {t('common.save')}
          </Button>
        </Space>
      }
    >
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ targetKind: 'metric', type: 'high', severity: 'major', isEnabled: true }}
        onFinish={submit}
        onValuesChange={(changed: Partial<Values>) => {
          if ('deviceId' in changed) form.setFieldValue('metricId', null);
          if ('profileId' in changed) form.setFieldValue('metricKey', null);
        }}
        data-testid="rule-form"
      >
        <Row gutter={16}>
          <Col span={16}>
            <Form.Item name="name" label={t('common.name')} rules={[{ required: true }, { max: 200 }]}>
              <Input data-testid="rule-name" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="severity" label={t('alarm.severityLabel')} rules={[{ required: true }]}>
              <Select options={severityOptions(t)} data-testid="rule-severity" />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item
              name="targetKind"
              label={t('alarmRule.target')}
              extra={t(`alarmRule.targetHelp.${targetKind}`)}
            >
              <Radio.Group
                optionType="button"
                options={[
                  { value: 'metric', label: t('alarmRule.targetKind.metric') },
                  { value: 'profile', label: t('alarmRule.targetKind.profile') },
                ]}
              />
            </Form.Item>
          </Col>
          {targetKind === 'metric' ? (
            <>
              <Col span={12}>
                <Form.Item name="deviceId" label={t('alarm.device')} rules={[{ required: true }]}>
                  <RemoteSelect
                    {...optionSources.devices}
                    selectedOption={rule && selectedOption(rule.deviceId, rule.deviceCode)}
                    data-testid="rule-device"
                  />
                </Form.Item>
              </Col>
              <Col span={12}>
                <Form.Item name="metricId" label={t('alarm.metric')} rules={[{ required: true }]}>
                  <Select
                    options={metricOptions}
                    loading={metrics.isFetching}
                    disabled={!deviceId}
                    showSearch={{ optionFilterProp: 'label' }}
                    data-testid="rule-metric"
                  />
                </Form.Item>
              </Col>
            </>
          ) : (
            <>
              <Col span={12}>
                <Form.Item name="profileId" label={t('device.profile')} rules={[{ required: true }]}>
                  <RemoteSelect
                    {...optionSources.profiles}
                    selectedOption={rule && selectedOption(rule.profileId, rule.profileCode)}
                  />
                </Form.Item>
              </Col>
              <Col span={12}>
                <Form.Item name="metricKey" label={t('alarm.metric')} rules={[{ required: true }]}>
                  <Select
                    options={(profile.data?.metrics ?? []).map((m) => ({
                      value: m.key,
                      label: `${m.name} (${m.key})`,
                    }))}
                    loading={profile.isFetching}
                    disabled={!profileId}
                    showSearch={{ optionFilterProp: 'label' }}
                  />
                </Form.Item>
              </Col>
            </>
          )}
          <Col span={24}>
            <Form.Item name="type" label={t('alarmRule.typeLabel')} extra={t(`alarmRule.typeHelp.${type}`)}>
              <Select
                options={ALARM_RULE_TYPES.map((value) => ({ value, label: t(`alarmRule.type.${value}`) }))}
                data-testid="rule-type"
              />
            </Form.Item>
          </Col>
          {numberField('threshold', t('alarmRule.threshold'))}
          {numberField('ratePerMinute', t('alarmRule.ratePerMinute'), t('alarmRule.ratePerMinuteHelp'), 0)}
          {numberField('windowSeconds', t('alarmRule.windowSeconds'), t('alarmRule.windowSecondsHelp'), 1, 0)}
          {numberField('deadband', t('alarmRule.deadband'), t('alarmRule.deadbandHelp'), 0)}
          {numberField('durationSeconds', t('alarmRule.durationSeconds'), t('alarmRule.durationHelp'), 0, 0)}
          {numberField('noDataMinutes', t('alarmRule.noDataMinutes'), undefined, 1, 0)}
          {uses.has('stateValue') && (
            <Col span={12}>
              <Form.Item
                name="stateValue"
                label={t('alarmRule.stateValue')}
                extra={t('alarmRule.stateValueHelp')}
                rules={[{ required: true, whitespace: true }, { max: 64 }]}
              >
                {states?.length ? (
                  <Select options={states.map((s) => ({ value: s, label: s }))} />
                ) : (
                  <Input data-testid="rule-stateValue" />
                )}
              </Form.Item>
            </Col>
          )}
          <Col span={24}>
            <Form.Item name="message" label={t('alarm.message')} extra={t('alarmRule.messageHelp')}>
              <Input.TextArea rows={2} maxLength={500} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="isEnabled" label={t('telemetry.isEnabled')} valuePropName="checked">
              <Switch />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Drawer>
  );
}
