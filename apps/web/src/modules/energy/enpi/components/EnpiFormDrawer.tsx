import { useEffect } from 'react';
import {
  App,
  Button,
  Col,
  DatePicker,
  Drawer,
  Form,
  Input,
  InputNumber,
  Radio,
  Row,
  Select,
  Space,
  Switch,
} from 'antd';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import dayjs, { type Dayjs } from 'dayjs';
import type { TCreateEnpi, TEnpi } from '@greenmes/contracts';
import { ApiError, isApiError } from '../../../../api/api-error.ts';
import { useCan } from '../../../platform/hooks/use-me.ts';
import { PlantNodeTreeSelect } from '../../../modeling/components/PlantNodeTreeSelect.tsx';
import { RemoteSelect } from '../../../../shared/components/RemoteSelect.tsx';
import { applyFormErrors } from '../../../../shared/lib/form-errors.ts';
import { useNotifyError } from '../../../../shared/hooks/use-notify-error.ts';
import { selectedOption } from '../../../telemetry/components/telemetry-options.ts';
import { meterOptionSource } from '../../metering/components/meter-options.ts';
import { useFinishedProducts } from '../../ledgers/hooks/use-ledger-options.ts';
import { enpiApi } from '../api/enpi-api.ts';
import { useInvalidateEnpis } from '../hooks/use-enpi-queries.ts';
import { toDegreeDays } from '../lib/enpi-lib.ts';
import { DegreeDaysGrid } from './DegreeDaysGrid.tsx';

type Driver = TEnpi['driver'];
const DRIVERS: Driver[] = ['output_value', 'product_output'];
const SITE_ONLY = ['site'] as const;

interface Values {
  code: string;
  name: string;
  meterId?: string | null;
  siteId?: string | null;
  driver: Driver;
  materialId?: string | null;
  baseline?: [Dayjs, Dayjs];
  marginPct: number;
  isAlarmEnabled: boolean;
  useDegreeDays: boolean;
  degreeDays?: Record<string, number | null>;
  description?: string | null;
}

/** The server names baselineFrom/baselineTo; the form holds them in one range picker. */
function onFormFields(error: unknown): unknown {
  if (!isApiError(error)) return error;
  return new ApiError({
    status: error.status,
    code: error.code,
    message: error.message,
    requestId: error.requestId,
    params: error.params,
    details: error.details.map((d) => ({
      ...d,
      path: d.path.replace(/baseline(From|To)$/, 'baseline'),
    })),
  });
}

/** An EnPI: the meter whose consumption it tracks, what drives it, and the baseline it is measured from. */
export function EnpiFormDrawer(props: { open: boolean; enpi?: TEnpi; onClose: () => void }) {
  const { enpi, open, onClose } = props;
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const invalidate = useInvalidateEnpis();
  const canReadPlant = useCan('modeling.plant.read');
  const canReadMaterials = useCan('modeling.material.read');
  const products = useFinishedProducts();
  const [form] = Form.useForm<Values>();
  const driver = Form.useWatch('driver', form);
  const baseline = Form.useWatch('baseline', form);
  const useDegreeDays = Form.useWatch('useDegreeDays', form);

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (enpi)
      form.setFieldsValue({
        code: enpi.code,
        name: enpi.name,
        meterId: enpi.meterId,
        siteId: enpi.siteId,
        driver: enpi.driver,
        materialId: enpi.materialId,
        baseline: [dayjs(`${enpi.baselineFrom}-01`), dayjs(`${enpi.baselineTo}-01`)],
        marginPct: enpi.marginPct,
        isAlarmEnabled: enpi.isAlarmEnabled,
        useDegreeDays: Object.keys(enpi.degreeDays ?? {}).length > 0,
        degreeDays: enpi.degreeDays ?? {},
        description: enpi.description,
      });
    else
      form.setFieldsValue({
        driver: 'output_value',
        marginPct: 5,
        isAlarmEnabled: true,
        useDegreeDays: false,
      });
  }, [open, enpi, form]);

  const save = useMutation({
    mutationFn: (values: Values) => {
      // unregistered months (outside the grid now) are kept: the server ignores months it does not use
      const degreeDays = form.getFieldValue('degreeDays') as Values['degreeDays'];
      const body: TCreateEnpi = {
        code: values.code.trim(),
        name: values.name.trim(),
        meterId: values.meterId ?? '',
        siteId: values.siteId ?? '',
        driver: values.driver,
        // the other driver's product is cleared, so switching the driver leaves nothing stale
        materialId: values.driver === 'product_output' ? (values.materialId ?? null) : null,
        baselineFrom: values.baseline![0].format('YYYY-MM'),
        baselineTo: values.baseline![1].format('YYYY-MM'),
        marginPct: values.marginPct,
        isAlarmEnabled: values.isAlarmEnabled,
        degreeDays: values.useDegreeDays ? toDegreeDays(degreeDays) : null,
        description: values.description?.trim() || null,
      };
      return enpi ? enpiApi.update(enpi.id, body) : enpiApi.create(body);
    },
    onSuccess: () => {
      void message.success(t('common.saved'));
      void invalidate();
      onClose();
    },
    onError: (error) => {
      if (!applyFormErrors(form, onFormFields(error))) notifyError(error);
    },
  });

  const baselineFrom = baseline?.[0]?.format('YYYY-MM');
  const baselineTo = baseline?.[1]?.format('YYYY-MM');
  const thisMonth = dayjs().format('YYYY-MM');
  const lastMonth = baselineTo && baselineTo > thisMonth ? baselineTo : thisMonth;
  return (
    <Drawer
      open={open}
      onClose={onClose}
      size={760}
      title={enpi ? t('enpi.edit', { name: enpi.name }) : t('enpi.create')}
      destroyOnHidden
      extra={
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button
            type="primary"
            loading={save.isPending}
            onClick={() => form.submit()}
            data-testid="enpi-save"
          >
            {t('common.save')}
          </Button>
        </Space>
      }
    >
      <Form<Values> form={form} layout="vertical" onFinish={(v) => save.mutate(v)} data-testid="enpi-form">
        <Row gutter={16}>
          <Col span={8}>
            <Form.Item name="code" label={t('common.code')} rules={[{ required: true }, { max: 64 }]}>
              <Input data-testid="enpi-code" />
            </Form.Item>
          </Col>
          <Col span={16}>
            <Form.Item name="name" label={t('common.name')} rules={[{ required: true }, { max: 200 }]}>
              <Input data-testid="enpi-name" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="meterId" label={t('enpi.meter')} rules={[{ required: true }]}>
              <RemoteSelect
                {...meterOptionSource}
                selectedOption={enpi && selectedOption(enpi.meterId, enpi.meterCode)}
                placeholder={t('enpi.noMeter')}
                data-testid="enpi-meter"
              />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="siteId" label={t('enpi.site')} rules={[{ required: true }]}>
              <PlantNodeTreeSelect
                kinds={SITE_ONLY}
                disabled={!canReadPlant}
                placeholder={t('enpi.noSite')}
                data-testid="enpi-site"
              />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item
              name="driver"
              label={t('enpi.driver')}
              extra={t('enpi.driverHelp')}
              rules={[{ required: true }]}
            >
              <Radio.Group optionType="button">
                {DRIVERS.map((d) => (
                  <Radio.Button key={d} value={d} data-testid={`enpi-driver-${d}`}>
                    {t(`enpi.driverName.${d}`)}
                  </Radio.Button>
                ))}
              </Radio.Group>
            </Form.Item>
          </Col>
          {driver === 'product_output' && (
            <Col span={12}>
              <Form.Item
                name="materialId"
                label={t('enpi.product')}
                extra={t('enpi.productHelp')}
                rules={[{ required: true }]}
              >
                <Select
                  showSearch={{ optionFilterProp: 'label' }}
                  disabled={!canReadMaterials}
                  loading={products.isLoading}
                  placeholder={t('enpi.noProduct')}
                  options={(products.data ?? []).map((m) => ({
                    value: m.id,
                    label: `${m.code} · ${m.name}`,
                  }))}
                  data-testid="enpi-product"
                />
              </Form.Item>
            </Col>
          )}
          <Col span={12}>
            <Form.Item
              name="baseline"
              label={t('enpi.baseline')}
              extra={t('enpi.baselineHelp')}
              rules={[{ required: true }]}
            >
              <DatePicker.RangePicker picker="month" style={{ width: '100%' }} data-testid="enpi-baseline" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item
              name="marginPct"
              label={t('enpi.marginPct')}
              extra={t('enpi.marginHelp')}
              rules={[{ required: true }]}
            >
              <InputNumber min={0} max={100} suffix="%" style={{ width: '100%' }} data-testid="enpi-margin" />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item
              name="isAlarmEnabled"
              label={t('enpi.isAlarmEnabled')}
              extra={t('enpi.isAlarmEnabledHelp')}
              valuePropName="checked"
            >
              <Switch data-testid="enpi-alarm-enabled" />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item
              name="useDegreeDays"
              label={t('enpi.degreeDays')}
              extra={t('enpi.degreeDaysHelp')}
              valuePropName="checked"
            >
              <Switch aria-label={t('enpi.useDegreeDays')} data-testid="enpi-use-degree-days" />
            </Form.Item>
          </Col>
          {useDegreeDays && (
            <Col span={24}>
              <DegreeDaysGrid from={baselineFrom} to={lastMonth} />
            </Col>
          )}
          <Col span={24}>
            <Form.Item name="description" label={t('common.description')}>
              <Input.TextArea rows={2} maxLength={2000} data-testid="enpi-description" />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Drawer>
  );
}
