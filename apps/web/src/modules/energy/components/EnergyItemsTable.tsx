import { Button, Form, InputNumber, Select, Table, type FormInstance } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { EnergyMedium, EnergyUnit } from '@greenmes/contracts';
import { defaultUnit } from '../lib/energy-format.ts';
import { UNIT_OPTIONS, useMediumOptions } from '../hooks/use-energy-options.ts';

export interface EnergyItemValues {
  medium?: EnergyMedium;
  quantity?: number | null;
  unit?: EnergyUnit;
  kgcePerUnit?: number | null;
  enthalpyKjPerKg?: number | null;
}

const cell = { style: { marginBottom: 0 } };

/** The calculator's items as an editable table: one Form.List row per energy medium consumed. */
export function EnergyItemsTable(props: { form: FormInstance }) {
  const { t } = useTranslation();
  const mediumOptions = useMediumOptions();
  const items = (Form.useWatch('items', props.form) ?? []) as EnergyItemValues[];

  return (
    <Form.List name="items">
      {(fields, { add, remove }) => (
        <>
          <Table
            size="small"
            rowKey="key"
            pagination={false}
            dataSource={fields}
            data-testid="energy-items"
            columns={[
              {
                title: t('energy.calc.medium'),
                width: 200,
                render: (_, field) => (
                  <Form.Item {...cell} name={[field.name, 'medium']} rules={[{ required: true }]}>
                    <Select
                      showSearch={{ optionFilterProp: 'label' }}
                      options={mediumOptions}
                      onChange={(medium: EnergyMedium) =>
                        props.form.setFieldValue(['items', field.name, 'unit'], defaultUnit(medium))
                      }
                      data-testid={`energy-item-medium-${field.name}`}
                    />
                  </Form.Item>
                ),
              },
              {
                title: t('energy.calc.quantity'),
                render: (_, field) => (
                  <Form.Item {...cell} name={[field.name, 'quantity']} rules={[{ required: true }]}>
                    <InputNumber
                      min={0}
                      style={{ width: '100%' }}
                      data-testid={`energy-item-quantity-${field.name}`}
                    />
                  </Form.Item>
                ),
              },
              {
                title: t('energy.calc.unit'),
                width: 120,
                render: (_, field) => (
                  <Form.Item {...cell} name={[field.name, 'unit']} rules={[{ required: true }]}>
                    <Select options={UNIT_OPTIONS} data-testid={`energy-item-unit-${field.name}`} />
                  </Form.Item>
                ),
              },
              {
                title: t('energy.calc.kgcePerUnit'),
                render: (_, field) => (
                  <Form.Item {...cell} name={[field.name, 'kgcePerUnit']}>
                    <InputNumber
                      min={0}
                      style={{ width: '100%' }}
                      placeholder={t('energy.calc.kgcePerUnitHelp')}
                      data-testid={`energy-item-kgce-${field.name}`}
                    />
                  </Form.Item>
                ),
              },
              {
                title: t('energy.calc.enthalpy'),
                render: (_, field) => (
                  <Form.Item {...cell} name={[field.name, 'enthalpyKjPerKg']}>
                    <InputNumber
                      min={0}
                      style={{ width: '100%' }}
                      // heat content applies to steam only; other media convert by mass or volume
                      disabled={items[field.name]?.medium !== 'steam'}
                      placeholder={t('energy.optional')}
                      data-testid={`energy-item-enthalpy-${field.name}`}
                    />
                  </Form.Item>
                ),
              },
              {
                width: 48,
                render: (_, field) => (
                  <Button
                    type="text"
                    danger
                    icon={<DeleteOutlined />}
                    aria-label={t('energy.removeRow')}
                    disabled={fields.length <= 1}
                    onClick={() => remove(field.name)}
                  />
                ),
              },
            ]}
          />
          <Button
            type="dashed"
            block
            icon={<PlusOutlined />}
            style={{ marginTop: 8 }}
            onClick={() => add({})}
            data-testid="energy-item-add"
          >
            {t('energy.addRow')}
          </Button>
        </>
      )}
    </Form.List>
  );
}
