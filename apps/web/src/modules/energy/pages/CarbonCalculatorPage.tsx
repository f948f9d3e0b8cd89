import { App, Button, Form, Space, Typography } from 'antd';
import { CalculatorOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { TCarbonCalcRequest } from '@greenmes/contracts';
import { PageCard } from '../../../shared/components/PageCard.tsx';
import { useNotifyError } from '../../../shared/hooks/use-notify-error.ts';
import { applyFormErrors } from '../../../shared/lib/form-errors.ts';
import { energyApi } from '../api/energy-api.ts';
import { CarbonInputs, heatFields, type CarbonValues } from '../components/CarbonInputs.tsx';
import { CarbonResultCard } from '../components/CarbonResultCard.tsx';
import { withoutEmpty } from '../lib/energy-format.ts';

const INITIAL: CarbonValues = { combustion: [{}], process: [], purchasedHeat: [] };

function toRequest(values: CarbonValues): TCarbonCalcRequest {
  const { combustion = [], process = [], purchasedHeat = [], ...rest } = values;
  return {
    ...withoutEmpty(rest),
    combustion: combustion.map((row) => withoutEmpty(row)),
    process: process.map((row) => withoutEmpty(row)),
    // a row keeps only the inputs of its kind: switching steam → heat leaves stale tonnes behind
    purchasedHeat: purchasedHeat.map((row) =>
      withoutEmpty({
        kind: row.kind,
        ...Object.fromEntries(heatFields(row.kind).map((name) => [name, row[name]])),
      }),
    ),
  } as TCarbonCalcRequest;
}

/** Stateless like the energy calculator; factors not given come from the reporting year's settings. */
export function CarbonCalculatorPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const [form] = Form.useForm<CarbonValues>();

  const calculate = useMutation({
    mutationFn: (values: CarbonValues) => energyApi.calculateCarbon(toRequest(values)),
    onError: (error) => {
      if (applyFormErrors(form, error)) void message.error(t('energy.fixErrors'));
      else notifyError(error);
    },
  });

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <PageCard title={t('energy.carbon.title')} testId="carbon-calculator-page">
        <Typography.Paragraph type="secondary">{t('energy.carbon.help')}</Typography.Paragraph>
        <Form<CarbonValues>
          form={form}
          layout="vertical"
          initialValues={INITIAL}
          onFinish={(values) => calculate.mutate(values)}
        >
          <CarbonInputs form={form} />
          <Space>
            <Button
              type="primary"
              htmlType="submit"
              icon={<CalculatorOutlined />}
              loading={calculate.isPending}
              data-testid="carbon-calculate"
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
      <CarbonResultCard result={calculate.data} loading={calculate.isPending} />
    </Space>
  );
}
