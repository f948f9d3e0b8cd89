import { Col, Form, Input, InputNumber, Row, Select, Typography, type FormInstance } from 'antd';
import { useTranslation } from 'react-i18next';
import type { EnergyMedium, EnergyUnit } from '@greenmes/contracts';
import { defaultUnit, FUELS } from '../lib/energy-format.ts';
import { UNIT_OPTIONS, useMediumOptions } from '../hooks/use-energy-options.ts';
import { CELL, FormListTable } from './FormListTable.tsx';

export type HeatKind = 'steam' | 'hot_water' | 'heat';
type Num = number | null | undefined;
export interface CarbonValues {
  combustion?: Array<{
    fuel?: EnergyMedium;
    quantity?: Num;
    unit?: EnergyUnit;
    ncvGjPerUnit?: Num;
    carbonContentTcPerGj?: Num;
    oxidationRate?: Num;
  }>;
  process?: Array<{ name?: string; activity?: Num; unit?: string; emissionFactorTco2PerUnit?: Num }>;
  purchasedHeat?: Array<{
    kind?: HeatKind;
    tonnes?: Num;
    enthalpyKjPerKg?: Num;
    temperatureC?: Num;
    gj?: Num;
  }>;
  purchasedElectricityMWh?: Num;
  gridEmissionFactorTco2PerMWh?: Num;
  heatEmissionFactorTco2PerGj?: Num;
  exportedElectricityMWh?: Num;
  exportedHeatGj?: Num;
  recoveredTco2?: Num;
  outputValue10kYuan?: Num;
  productOutput?: Num;
}

const required = [{ required: true }];

/** Which inputs a purchased-heat row needs: steam by enthalpy, hot water by temperature, heat in GJ. */
const HEAT_FIELDS: Record<HeatKind, Array<'tonnes' | 'enthalpyKjPerKg' | 'temperatureC' | 'gj'>> = {
  steam: ['tonnes', 'enthalpyKjPerKg'],
  hot_water: ['tonnes', 'temperatureC'],
  heat: ['gj'],
};
export const heatFields = (kind: HeatKind | undefined) => HEAT_FIELDS[kind ?? 'heat'];

export function CarbonInputs(props: { form: FormInstance<CarbonValues> }) {
  const { t } = useTranslation();
  const fuelOptions = useMediumOptions(FUELS);
  const heatRows = Form.useWatch('purchasedHeat', props.form) ?? [];
  const number = (name: (string | number)[], testId: string, extra: { min?: number; max?: number } = {}) => (
    <Form.Item {...CELL} name={name}>
      <InputNumber min={0} {...extra} style={{ width: '100%' }} data-testid={testId} />
    </Form.Item>
  );
  const field = (name: keyof CarbonValues, label: string, testId: string, placeholder?: string) => (
    <Col xs={24} sm={12} lg={6}>
      <Form.Item name={name} label={label}>
        <InputNumber min={0} style={{ width: '100%' }} placeholder={placeholder} data-testid={testId} />
      </Form.Item>
    </Col>
  );
  const c = (key: string) => t(`energy.carbon.${key}`);

  return (
    <>
      <Typography.Title level={5}>{c('combustion')}</Typography.Title>
      <FormListTable
        name="combustion"
        testId="carbon-combustion"
        newRow={() => ({})}
        columns={[
          {
            title: c('fuel'),
            width: 180,
            render: (f) => (
              <Form.Item {...CELL} name={[f.name, 'fuel']} rules={required}>
                <Select
                  showSearch={{ optionFilterProp: 'label' }}
                  options={fuelOptions}
                  style={{ width: 160 }}
                  onChange={(fuel: EnergyMedium) =>
                    props.form.setFieldValue(['combustion', f.name, 'unit'], defaultUnit(fuel))
                  }
                  data-testid={`carbon-fuel-${f.name}`}
                />
              </Form.Item>
            ),
          },
          {
            title: t('energy.calc.quantity'),
            render: (f) => (
              <Form.Item {...CELL} name={[f.name, 'quantity']} rules={required}>
                <InputNumber min={0} style={{ width: 140 }} data-testid={`carbon-quantity-${f.name}`} />
              </Form.Item>
            ),
          },
          {
            title: t('energy.calc.unit'),
            render: (f) => (
              <Form.Item {...CELL} name={[f.name, 'unit']} rules={required}>
                <Select options={UNIT_OPTIONS} style={{ width: 110 }} data-testid={`carbon-unit-${f.name}`} />
              </Form.Item>
            ),
          },
          { title: c('ncv'), render: (f) => number([f.name, 'ncvGjPerUnit'], `carbon-ncv-${f.name}`) },
          {
            title: c('carbonContent'),
            render: (f) => number([f.name, 'carbonContentTcPerGj'], `carbon-cc-${f.name}`),
          },
          {
            title: c('oxidationRate'),
            render: (f) => number([f.name, 'oxidationRate'], `carbon-ox-${f.name}`, { max: 1 }),
          },
        ]}
      />

      <Typography.Title level={5} style={{ marginTop: 24 }}>
        {c('process')}
      </Typography.Title>
      <FormListTable
        name="process"
        testId="carbon-process"
        newRow={() => ({})}
        columns={[
          {
            title: c('processName'),
            render: (f) => (
              <Form.Item {...CELL} name={[f.name, 'name']} rules={[{ required: true }, { max: 200 }]}>
                <Input style={{ width: 200 }} />
              </Form.Item>
            ),
          },
          {
            title: c('activity'),
            render: (f) => (
              <Form.Item {...CELL} name={[f.name, 'activity']} rules={required}>
                <InputNumber min={0} style={{ width: 140 }} />
              </Form.Item>
            ),
          },
          {
            title: c('processUnit'),
            render: (f) => (
              <Form.Item {...CELL} name={[f.name, 'unit']} rules={[{ required: true }, { max: 40 }]}>
                <Input style={{ width: 100 }} />
              </Form.Item>
            ),
          },
          {
            title: c('processFactor'),
            render: (f) => (
              <Form.Item {...CELL} name={[f.name, 'emissionFactorTco2PerUnit']} rules={required}>
                <InputNumber min={0} style={{ width: 160 }} />
              </Form.Item>
            ),
          },
        ]}
      />

      <Typography.Title level={5} style={{ marginTop: 24 }}>
        {c('electricity')}
      </Typography.Title>
      <Row gutter={16}>
        {field('purchasedElectricityMWh', c('purchasedElectricity'), 'carbon-electricity')}
        {field(
          'gridEmissionFactorTco2PerMWh',
          c('gridFactor'),
          'carbon-grid-factor',
          t('energy.defaultFromYear'),
        )}
        {field('exportedElectricityMWh', c('exportedElectricity'), 'carbon-exported-electricity')}
      </Row>

      <Typography.Title level={5}>{c('heat')}</Typography.Title>
      <FormListTable
        name="purchasedHeat"
        testId="carbon-heat"
        newRow={() => ({ kind: 'steam' })}
        columns={[
          {
            title: c('heatKind'),
            render: (f) => (
              <Form.Item {...CELL} name={[f.name, 'kind']} rules={required}>
                <Select
                  style={{ width: 110 }}
                  options={(['steam', 'hot_water', 'heat'] as const).map((k) => ({
                    value: k,
                    label: c(`heatKinds.${k}`),
                  }))}
                />
              </Form.Item>
            ),
          },
          ...(['tonnes', 'enthalpyKjPerKg', 'temperatureC', 'gj'] as const).map((name) => ({
            title: c(
              { tonnes: 'tonnes', enthalpyKjPerKg: 'enthalpy', temperatureC: 'temperature', gj: 'gj' }[name],
            ),
            render: (f: { name: number }) => {
              const isUsed = heatFields(heatRows[f.name]?.kind).includes(name);
              return (
                <Form.Item {...CELL} name={[f.name, name]} rules={isUsed ? required : []}>
                  <InputNumber
                    min={0}
                    style={{ width: 130 }}
                    disabled={!isUsed}
                    data-testid={`carbon-heat-${name}-${f.name}`}
                  />
                </Form.Item>
              );
            },
          })),
        ]}
      />
      <Row gutter={16} style={{ marginTop: 16 }}>
        {field(
          'heatEmissionFactorTco2PerGj',
          c('heatFactor'),
          'carbon-heat-factor',
          t('energy.defaultFromYear'),
        )}
        {field('exportedHeatGj', c('exportedHeat'), 'carbon-exported-heat')}
        {field('recoveredTco2', c('recovered'), 'carbon-recovered')}
      </Row>

      <Typography.Title level={5}>{t('energy.denominators')}</Typography.Title>
      <Row gutter={16}>
        {field('outputValue10kYuan', t('energy.outputValue10kYuan'), 'carbon-output-value')}
        {field('productOutput', t('energy.productOutput'), 'carbon-product-output')}
      </Row>
    </>
  );
}
