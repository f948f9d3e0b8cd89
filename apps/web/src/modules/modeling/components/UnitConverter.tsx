import { useState } from 'react';
import { Button, Card, Form, Input, Select, Space, Typography } from 'antd';
import { SwapOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { TUnit } from '@greenmes/contracts';
import { useNotifyError } from '../../../shared/hooks/use-notify-error.ts';
import { unitsApi, type TConvertResult } from '../api/units-api.ts';

interface Values {
  from: string;
  to: string;
  value: string;
}

/** Conversions are computed by the server with decimal arithmetic, never in the browser's floats. */
export function UnitConverter({ units }: { units: TUnit[] }) {
  const { t } = useTranslation();
  const notifyError = useNotifyError();
  const [form] = Form.useForm<Values>();
  const from = Form.useWatch('from', form);
  const [result, setResult] = useState<TConvertResult | null>(null);
  const fromUnit = units.find((u) => u.code === from);
  const toOptions = units
    .filter((u) => !fromUnit || u.dimension === fromUnit.dimension)
    .map((u) => ({ value: u.code, label: `${u.code} — ${u.name}` }));
  const convert = useMutation({
    mutationFn: (v: Values) => unitsApi.convert({ ...v, value: v.value.trim() }),
    onSuccess: setResult,
    onError: (e) => {
      setResult(null);
      notifyError(e);
    },
  });
  return (
    <Card title={t('unit.converter')} size="small" data-testid="unit-converter">
      <Form<Values>
        form={form}
        layout="inline"
        onFinish={(v) => convert.mutate(v)}
        initialValues={{ value: '1' }}
      >
        <Form.Item
          name="value"
          rules={[
            { required: true, pattern: /^-?\d{1,12}(\.\d{1,6})?$/, message: t('common.decimalInvalid') },
          ]}
        >
          <Input
            style={{ width: 140 }}
            inputMode="decimal"
            aria-label={t('unit.value')}
            placeholder={t('unit.value')}
            data-testid="convert-value"
          />
        </Form.Item>
        <Form.Item name="from" rules={[{ required: true, message: t('unit.pickFrom') }]}>
          <Select
            style={{ width: 180 }}
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('unit.from')}
            options={units.map((u) => ({ value: u.code, label: `${u.code} — ${u.name}` }))}
            onChange={() => form.setFieldValue('to', undefined)}
            data-testid="convert-from"
          />
        </Form.Item>
        <SwapOutlined style={{ margin: '8px 8px 0 0' }} />
        <Form.Item name="to" rules={[{ required: true, message: t('unit.pickTo') }]}>
          <Select
            style={{ width: 180 }}
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('unit.to')}
            options={toOptions}
            data-testid="convert-to"
          />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={convert.isPending} data-testid="convert-submit">
          {t('unit.convert')}
        </Button>
      </Form>
      {result && (
        <Space style={{ marginTop: 12 }}>
          <Typography.Text data-testid="convert-result" strong>
            {result.value} {result.from} = {result.result} {result.to}
          </Typography.Text>
        </Space>
      )}
    </Card>
  );
}
