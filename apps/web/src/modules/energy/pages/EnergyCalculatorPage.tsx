import { App, Button, Col, Form, InputNumber, Row, Space, Typography } from 'antd';
import { CalculatorOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { TEnergyCalcRequest } from '@greenmes/contracts';
import { PageCard } from '../../../shared/components/PageCard.tsx';
import { useNotifyError } from '../../../shared/hooks/use-notify-error.ts';
import { applyFormErrors } from '../../../shared/lib/form-errors.ts';
import { energyApi } from '../api/energy-api.ts';
import { EnergyItemsTable, type EnergyItemValues } from '../components/EnergyItemsTable.tsx';
import { EnergyResultCard } from '../components/EnergyResultCard.tsx';
import { withoutEmpty } from '../lib/energy-format.ts';

interface Values {
  items: EnergyItemValues[];
  electricityEqualValueKgcePerKwh?: number | null;
  outputValue10kYuan?: number | null;
  valueAdded10kYuan?: number | null;
  productOutput?: number | null;
}

const INITIAL: Values = { items: [{}] };

/** Stateless: nothing is saved, so an auditor can reproduce a figure by typing its inputs in. */
export function EnergyCalculatorPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const [form] = Form.useForm<Values>();

  const calculate = useMutation({
    mutationFn: (values: Values) => {
      const { items, ...rest } = values;
      // form rules make medium, quantity and unit present; the server names anything else wrong
      const body = {
        ...withoutEmpty(rest),
        items: items.map((item) => withoutEmpty(item)),
      } as TEnergyCalcRequest;
      return energyApi.calculateEnergy(body);
    },
    onError: (error) => {
      if (applyFormErrors(form, error)) void message.error(t('energy.fixErrors'));
      else notifyError(error);
    },
  });

  const optionalNumber = (name: keyof Values, label: string, testId: string) => (
    <Col xs={24} sm={12} lg={6}>
      <Form.Item name={name} label={label}>
        <InputNumber
          min={0}
          style={{ width: '100%' }}
          placeholder={t('energy.optional')}
          data-testid={testId}
        />
      </Form.Item>
    </Col>
  );

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <PageCard title={t('energy.calc.title')} testId="energy-calculator-page">
        <Typography.Paragraph type="secondary">{t('energy.calc.help')}</Typography.Paragraph>
        <Form<Values>
          form={form}
          layout="vertical"
          initialValues={INITIAL}
          onFinish={(values) => calculate.mutate(values)}
        >
          <EnergyItemsTable form={form} />
          <Typography.Title level={5} style={{ marginTop: 24 }}>
            {t('energy.calc.extras')}
          </Typography.Title>
          <Row gutter={16}>
            {optionalNumber(
              'electricityEqualValueKgcePerKwh',
              t('energy.calc.equalValue'),
              'energy-equal-value',
            )}
            {optionalNumber('outputValue10kYuan', t('energy.outputValue10kYuan'), 'energy-output-value')}
            {optionalNumber('valueAdded10kYuan', t('energy.valueAdded10kYuan'), 'energy-value-added')}
            {optionalNumber('productOutput', t('energy.productOutput'), 'energy-product-output')}
          </Row>
          <Space>
            <Button
              type="primary"
              htmlType="submit"
              icon={<CalculatorOutlined />}
              loading={calculate.isPending}
              data-testid="energy-calculate"
            >
              {t('energy.calculate')}
            </Button>
            <Button
              onClick={() => {
                form.resetFields();
                calculate.reset();
              }}
            >
              {t('energy.reset')}
            </Button>
          </Space>
        </Form>
      </PageCard>
      <EnergyResultCard result={calculate.data} loading={calculate.isPending} />
    </Space>
  );
}
