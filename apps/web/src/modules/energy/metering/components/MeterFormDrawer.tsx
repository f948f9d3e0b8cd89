import { useEffect } from 'react';
import { App, Button, Col, Drawer, Form, Input, InputNumber, Radio, Row, Select, Space, Switch } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { EnergyMedium, EnergyUnit, TCreateMeter, TMeter } from '@greenmes/contracts';
import { useCan } from '../../../platform/hooks/use-me.ts';
import { PlantNodeTreeSelect } from '../../../modeling/components/PlantNodeTreeSelect.tsx';
import { RemoteSelect } from '../../../../shared/components/RemoteSelect.tsx';
import { applyFormErrors } from '../../../../shared/lib/form-errors.ts';
import { useNotifyError } from '../../../../shared/hooks/use-notify-error.ts';
import { optionSources, selectedOption } from '../../../telemetry/components/telemetry-options.ts';
import { useMediumOptions } from '../../hooks/use-energy-options.ts';
import { unitLabel } from '../../lib/energy-format.ts';
import { meteringApi } from '../api/metering-api.ts';
import { useInvalidateMetering } from '../hooks/use-metering-queries.ts';
import { unitsForMedium } from '../lib/metering-lib.ts';
import { CounterMetricPicker } from './CounterMetricPicker.tsx';
import { levelOptions, parentOptionSource, sourceOptions } from './meter-options.ts';

interface Values {
  code: string;
  name: string;
  medium: EnergyMedium;
  unit: EnergyUnit;
  level: number;
  parentId?: string | null;
  nodeId?: string | null;
  equipmentId?: string | null;
  source: TMeter['source'];
  metricId?: number | null;
  multiplier?: number | null;
  formula?: string | null;
  isEnabled?: boolean;
  description?: string | null;
}

const trimmed = (text: string | null | undefined) => (text?.trim() ? text.trim() : null);

/** A meter: what it measures (medium, unit), where it sits (level, parent, plant node) and what feeds it. */
export function MeterFormDrawer(props: { open: boolean; meter?: TMeter; onClose: () => void }) {
  const { meter, open, onClose } = props;
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const invalidate = useInvalidateMetering();
  const canReadPlant = useCan('modeling.plant.read');
  const canReadEquipment = useCan('modeling.equipment.read');
  const canReadDevices = useCan('telemetry.device.read');
  const mediumOptions = useMediumOptions();
  const [form] = Form.useForm<Values>();
  const medium = Form.useWatch('medium', form);
  const level = Form.useWatch('level', form);
  const source = Form.useWatch('source', form);

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (meter) form.setFieldsValue(meter);
    else
      form.setFieldsValue({
        medium: 'electricity',
        unit: 'kWh',
        level: 1,
        source: 'manual',
        multiplier: 1,
        isEnabled: true,
      });
  }, [open, meter, form]);

  const save = useMutation({
    mutationFn: (values: Values) => {
      const body: TCreateMeter = {
        code: values.code.trim(),
        name: values.name.trim(),
        medium: values.medium,
        unit: values.unit,
        level: values.level,
        parentId: values.parentId ?? null,
        nodeId: values.nodeId ?? null,
        equipmentId: values.equipmentId ?? null,
        source: values.source,
        // fields of the other sources are cleared, so switching a meter's source leaves nothing stale
        metricId: values.source === 'telemetry' ? (values.metricId ?? null) : null,
        multiplier: values.source === 'formula' ? 1 : (values.multiplier ?? 1),
        formula: values.source === 'formula' ? trimmed(values.formula) : null,
        isEnabled: values.isEnabled ?? true,
        description: trimmed(values.description),
      };
      return meter ? meteringApi.update(meter.id, body) : meteringApi.create(body);
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

  const units = medium ? unitsForMedium(medium) : [];
  return (
    <Drawer
      open={open}
      onClose={onClose}
      size={760}
      title={meter ? t('metering.editMeter', { name: meter.name }) : t('metering.createMeter')}
      destroyOnHidden
      extra={
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button
            type="primary"
            loading={save.isPending}
            onClick={() => form.submit()}
            data-testid="meter-save"
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
        data-testid="meter-form"
      >
        <Row gutter={16}>
          <Col span={8}>
            <Form.Item name="code" label={t('common.code')} rules={[{ required: true }, { max: 64 }]}>
              <Input data-testid="meter-code" />
            </Form.Item>
          </Col>
          <Col span={16}>
            <Form.Item name="name" label={t('common.name')} rules={[{ required: true }, { max: 200 }]}>
              <Input data-testid="meter-name" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="medium" label={t('metering.medium')} rules={[{ required: true }]}>
              <Select
                showSearch={{ optionFilterProp: 'label' }}
                options={mediumOptions}
                onChange={(next: EnergyMedium) => {
                  // a new medium: its first unit, and a parent of another medium no longer fits
                  form.setFieldsValue({ unit: unitsForMedium(next)[0], parentId: null });
                }}
                data-testid="meter-medium"
              />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="unit" label={t('metering.unit')} rules={[{ required: true }]}>
              <Select
                options={units.map((u) => ({ value: u, label: unitLabel(u) }))}
                data-testid="meter-unit"
              />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item
              name="level"
              label={t('metering.level')}
              tooltip={t('metering.levelHelp')}
              rules={[{ required: true }]}
            >
              <Select
                options={levelOptions(t)}
                onChange={(next: number) => next === 1 && form.setFieldsValue({ parentId: null })}
                data-testid="meter-level"
              />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="parentId" label={t('metering.parent')} extra={t('metering.parentHelp')}>
              <RemoteSelect
                {...parentOptionSource(medium, level)}
                disabled={level === 1}
                selectedOption={meter && selectedOption(meter.parentId, meter.parentCode)}
                placeholder={t('metering.noParent')}
                data-testid="meter-parent"
              />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="nodeId" label={t('metering.node')}>
              <PlantNodeTreeSelect
                disabled={!canReadPlant}
                placeholder={meter?.nodeName ?? t('metering.noNode')}
                data-testid="meter-node"
              />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="equipmentId" label={t('metering.equipment')}>
              <RemoteSelect
                {...optionSources.equipment}
                disabled={!canReadEquipment}
                selectedOption={meter && selectedOption(meter.equipmentId, meter.equipmentCode)}
                placeholder={t('metering.noEquipment')}
                data-testid="meter-equipment"
              />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="isEnabled" label={t('metering.isEnabled')} valuePropName="checked">
              <Switch data-testid="meter-enabled" />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="source" label={t('metering.sourceLabel')} rules={[{ required: true }]}>
              <Radio.Group optionType="button">
                {sourceOptions(t).map((o) => (
                  <Radio.Button key={o.value} value={o.value} data-testid={`meter-source-${o.value}`}>
                    {o.label}
                  </Radio.Button>
                ))}
              </Radio.Group>
            </Form.Item>
          </Col>
          {source === 'telemetry' && (
            <Col span={24}>
              <Form.Item
                name="metricId"
                label={t('metering.metric')}
                extra={t('metering.metricHelp')}
                rules={[{ required: true }]}
              >
                <CounterMetricPicker currentLabel={meter?.metricLabel} disabled={!canReadDevices} />
              </Form.Item>
            </Col>
          )}
          {source === 'formula' && (
            <Col span={24}>
              <Form.Item
                name="formula"
                label={t('metering.formula')}
                extra={t('metering.formulaHelp')}
                rules={[{ required: true }, { max: 2000 }]}
              >
                <Input placeholder="E-MAIN - E-MC - E-AS" data-testid="meter-formula" />
              </Form.Item>
            </Col>
          )}
          {source !== 'formula' && (
            <Col span={12}>
              <Form.Item
                name="multiplier"
                label={t('metering.multiplier')}
                extra={t('metering.multiplierHelp')}
                rules={[{ required: true }]}
              >
                <InputNumber min={0} style={{ width: '100%' }} data-testid="meter-multiplier" />
              </Form.Item>
            </Col>
          )}
          <Col span={24}>
            <Form.Item name="description" label={t('common.description')}>
              <Input.TextArea rows={2} maxLength={2000} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Drawer>
  );
}
