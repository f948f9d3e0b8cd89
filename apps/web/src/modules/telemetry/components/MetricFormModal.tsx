import { useEffect } from 'react';
import { AutoComplete, Col, Form, Input, InputNumber, Modal, Row, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { ZMetricDefinition, type TMetricDefinition } from '@greenmes/contracts';
import { useCan } from '../../platform/hooks/use-me.ts';
import { useUnits } from '../../modeling/hooks/use-modeling-queries.ts';
import { energyMediumOptions } from '../../modeling/components/equipment-options.ts';
import { applyFormErrors } from '../../../shared/lib/form-errors.ts';
import { useNotifyError } from '../../../shared/hooks/use-notify-error.ts';
import type { MetricRow } from './metric-row.ts';
import { metricKindOptions, valueTypeOptions } from './telemetry-options.ts';

type Values = Omit<TMetricDefinition, 'states'> & { states?: string[] | null };

function toDefinition(values: Values): TMetricDefinition {
  const isCounter = values.kind === 'counter';
  const isState = values.valueType === 'state';
  return {
    key: (values.key ?? '').trim(),
    name: (values.name ?? '').trim(),
    unitCode: values.unitCode?.trim() ? values.unitCode.trim() : null,
    valueType: values.valueType,
    kind: values.kind,
    energyMedium: values.energyMedium ?? null,
    scale: values.scale ?? 1,
    offset: values.offset ?? 0,
    counterMax: isCounter ? (values.counterMax ?? null) : null,
    states: isState && values.states?.length ? values.states : null,
    sortOrder: values.sortOrder,
  };
}

export interface MetricFormModalProps {
  open: boolean;
  /** Edit this metric (its key stays); absent = add one. */
  metric?: MetricRow;
  /** Keys already taken in this profile or device. */
  takenKeys: string[];
  onSubmit: (definition: TMetricDefinition) => Promise<unknown>;
  onClose: () => void;
}

/** One metric definition; the fields that only apply to counters or state metrics appear with them. */
export function MetricFormModal(props: MetricFormModalProps) {
  const { t } = useTranslation();
  const notifyError = useNotifyError();
  const [form] = Form.useForm<Values>();
  const kind = Form.useWatch('kind', form);
  const valueType = Form.useWatch('valueType', form);
  const units = useUnits({ enabled: useCan('modeling.unit.read') });
  const { open, metric } = props;

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (metric)
      form.setFieldsValue({ ...metric, energyMedium: metric.energyMedium as Values['energyMedium'] });
  }, [open, metric, form]);

  const submit = async (values: Values) => {
    const definition = toDefinition(values);
    // the same rules the server applies, so mistakes show beside the field before any request
    const parsed = ZMetricDefinition.safeParse(definition);
    if (!parsed.success) {
      form.setFields(
        parsed.error.issues.map((issue) => ({
          // 'states.2' is shown on the states field as a whole
          name: issue.path.slice(0, 1) as [keyof Values],
          errors: [issue.message],
        })),
      );
      return;
    }
    try {
      await props.onSubmit(parsed.data);
      props.onClose();
    } catch (error) {
      if (!applyFormErrors(form, error)) notifyError(error);
    }
  };

  return (
    <Modal
      open={open}
      title={metric ? t('metric.edit', { key: metric.key }) : t('metric.create')}
      onCancel={props.onClose}
      onOk={() => form.submit()}
      okButtonProps={{ 'data-testid': 'metric-save' }}
      width={720}
      forceRender
    >
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ valueType: 'number', kind: 'gauge', scale: 1, offset: 0 }}
        onFinish={(values) => void submit(values)}
        onValuesChange={(changed: Partial<Values>) => {
          // keep the pair consistent: a counter is a number, a state metric holds states
          if (changed.kind === 'counter') form.setFieldValue('valueType', 'number');
          if (changed.kind === 'state') form.setFieldValue('valueType', 'state');
        }}
        data-testid="metric-form"
      >
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item
              name="key"
              label={t('metric.key')}
              extra={metric ? undefined : t('metric.keyHelp')}
              rules={[
                { required: true },
                { max: 64 },
                { pattern: /^[A-Za-z_][A-Za-z0-9_.-]*$/, message: t('metric.keyPattern') },
                {
                  validator: (_, v: string | undefined) =>
                    !metric && v && props.takenKeys.includes(v.trim())
                      ? Promise.reject(new Error(t('metric.keyTaken')))
                      : Promise.resolve(),
                },
              ]}
            >
              <Input disabled={Boolean(metric)} data-testid="metric-key" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="name" label={t('common.name')} rules={[{ required: true }, { max: 200 }]}>
              <Input data-testid="metric-name" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="kind" label={t('metric.kindLabel')} rules={[{ required: true }]}>
              <Select options={metricKindOptions(t)} data-testid="metric-kind" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="valueType" label={t('metric.valueTypeLabel')} rules={[{ required: true }]}>
              <Select
                options={valueTypeOptions(t)}
                disabled={kind === 'counter'}
                data-testid="metric-value-type"
              />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="unitCode" label={t('metric.unit')}>
              <AutoComplete
                allowClear
                options={(units.data ?? []).map((u) => ({ value: u.code, label: `${u.code} · ${u.name}` }))}
                showSearch={{
                  filterOption: (input, option) =>
                    String(option?.label ?? '')
                      .toLowerCase()
                      .includes(input.toLowerCase()),
                }}
                data-testid="metric-unit"
              />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="scale" label={t('metric.scale')} extra={t('metric.scaleHelp')}>
              <InputNumber style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="offset" label={t('metric.offset')}>
              <InputNumber style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="energyMedium" label={t('metric.energyMedium')}>
              <Select
                allowClear
                options={energyMediumOptions(t)}
                showSearch={{ optionFilterProp: 'label' }}
              />
            </Form.Item>
          </Col>
          {kind === 'counter' && (
            <Col span={12}>
              <Form.Item name="counterMax" label={t('metric.counterMax')} extra={t('metric.counterMaxHelp')}>
                <InputNumber min={0} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
          )}
          {valueType === 'state' && (
            <Col span={24}>
              <Form.Item
                name="states"
                label={t('metric.states')}
                extra={t('metric.statesHelp')}
                rules={[{ required: true, type: 'array', min: 1 }]}
              >
                <Select mode="tags" tokenSeparators={[',', '，']} open={false} data-testid="metric-states" />
              </Form.Item>
            </Col>
          )}
          <Col span={8}>
            <Form.Item name="sortOrder" label={t('metric.sortOrder')}>
              <InputNumber min={0} max={100000} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}
