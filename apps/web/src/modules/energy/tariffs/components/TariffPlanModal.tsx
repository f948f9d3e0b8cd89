import { useEffect } from 'react';
import { App, Button, Card, Col, Form, Input, Modal, Radio, Row, Select, Space, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import {
  ENERGY_MEDIA,
  TARIFF_PERIODS,
  TARIFF_UNITS,
  type TTariffPlan,
  type TTariffPlanInput,
  type TTariffRange,
  type TTariffSeason,
} from '@greenmes/contracts';
import { applyFormErrors } from '../../../../shared/lib/form-errors.ts';
import { useNotifyError } from '../../../../shared/hooks/use-notify-error.ts';
import { tariffsApi } from '../api/tariffs-api.ts';
import { CLOCK_OPTIONS, PERIOD_COLORS } from '../lib/periods.ts';
import { PeriodBar } from './PeriodBar.tsx';

type BasicKind = 'none' | 'demand' | 'capacity';
/** The form's shape: the contract's plan, with the basic charge flattened for the radio buttons. */
interface FormValues extends Omit<TTariffPlanInput, 'basicCharge'> {
  basicKind: BasicKind;
  pricePerKwMonth?: string;
  pricePerKvaMonth?: string;
  capacityKva?: string;
}

const blank = (v: string | null | undefined) => (v && v.trim() ? v.trim() : undefined);

const NEW_PLAN: Partial<FormValues> = {
  medium: 'electricity',
  unit: 'kWh',
  pricing: 'tou',
  basicKind: 'none',
  seasons: [
    {
      name: '全年',
      months: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12],
      schedule: [
        { period: 'valley', start: '00:00', end: '08:00' },
        { period: 'peak', start: '08:00', end: '11:00' },
        { period: 'flat', start: '11:00', end: '17:00' },
        { period: 'peak', start: '17:00', end: '22:00' },
        { period: 'flat', start: '22:00', end: '24:00' },
      ],
    },
  ],
};

function toForm(plan: TTariffPlan): Partial<FormValues> {
  const { basicCharge, id: _id, createdAt: _c, updatedAt: _u, ...rest } = plan;
  return {
    ...rest,
    basicKind: basicCharge?.basis ?? 'none',
    ...(basicCharge?.basis === 'demand' ? { pricePerKwMonth: basicCharge.pricePerKwMonth } : {}),
    ...(basicCharge?.basis === 'capacity'
      ? { pricePerKvaMonth: basicCharge.pricePerKvaMonth, capacityKva: basicCharge.capacityKva }
      : {}),
  };
}

const cleanPrices = (prices: Partial<Record<string, string>> | undefined, keep = (_: string) => true) =>
  Object.fromEntries(
    Object.entries(prices ?? {}).flatMap(([k, p]) => (blank(p) && keep(k) ? [[k, blank(p)]] : [])),
  );

/** A season's own prices: the filled ones of periods its schedule uses (a range changed since leaves none stale). */
function seasonInput(s: TTariffSeason): TTariffSeason {
  const { prices: own, ...rest } = s;
  const prices = cleanPrices(own, (k) => s.schedule.some((r) => r.period === k));
  return Object.keys(prices).length ? { ...rest, prices } : rest;
}

function toInput(v: FormValues): TTariffPlanInput {
  const { basicKind, pricePerKwMonth, pricePerKvaMonth, capacityKva, ...rest } = v;
  const prices = cleanPrices(v.prices);
  return {
    ...rest,
    validTo: blank(v.validTo) ?? null,
    note: blank(v.note) ?? null,
    flatPrice: v.pricing === 'flat' ? (blank(v.flatPrice) ?? null) : null,
    prices: v.pricing === 'tou' ? prices : undefined,
    seasons: v.pricing === 'tou' ? v.seasons?.map(seasonInput) : undefined,
    basicCharge:
      basicKind === 'demand'
        ? { basis: 'demand', pricePerKwMonth: pricePerKwMonth ?? '' }
        : basicKind === 'capacity'
          ? { basis: 'capacity', pricePerKvaMonth: pricePerKvaMonth ?? '', capacityKva: capacityKva ?? '' }
          : null,
  };
}

/** Create or edit a plan; the server's 400s land beside the field they name (seasons.1.schedule.2.start). */
export function TariffPlanModal(props: {
  open: boolean;
  plan?: TTariffPlan;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const [form] = Form.useForm<FormValues>();
  const { open, plan } = props;
  const pricing = Form.useWatch('pricing', form);
  const medium = Form.useWatch('medium', form);
  const unit = Form.useWatch('unit', form) ?? 'kWh';
  const basicKind = Form.useWatch('basicKind', form);
  const seasons = Form.useWatch('seasons', form);
  const planPrices = Form.useWatch('prices', form);

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue(plan ? toForm(plan) : NEW_PLAN);
  }, [open, plan, form]);

  const save = useMutation({
    mutationFn: (v: FormValues) =>
      plan ? tariffsApi.update(plan.id, toInput(v)) : tariffsApi.create(toInput(v)),
    onSuccess: () => {
      void message.success(t('common.saved'));
      props.onSaved();
      props.onClose();
    },
    onError: (e) => {
      applyFormErrors(form, e);
      notifyError(e);
    },
  });

  const monthOptions = Array.from({ length: 12 }, (_, i) => ({
    value: i + 1,
    label: t('tariff.month', { month: i + 1 }),
  }));
  const periodOptions = TARIFF_PERIODS.map((p) => ({
    value: p,
    label: (
      <Space size={6}>
        <span
          style={{
            display: 'inline-block',
            width: 10,
            height: 10,
            background: PERIOD_COLORS[p],
            borderRadius: 2,
          }}
        />
        {t(`tariff.periodName.${p}`)}
      </Space>
    ),
  }));

  return (
    <Modal
      open={open}
      title={plan ? t('tariff.edit', { name: plan.name }) : t('tariff.create')}
      onCancel={props.onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      okButtonProps={{ 'data-testid': 'tariff-save' }}
      destroyOnHidden
      width={920}
    >
      <Form<FormValues>
        form={form}
        layout="vertical"
        onFinish={(v) => save.mutate(v)}
        data-testid="tariff-form"
      >
        <Row gutter={12}>
          <Col span={6}>
            <Form.Item name="code" label={t('common.code')} rules={[{ required: true }]}>
              <Input data-testid="tariff-code" />
            </Form.Item>
          </Col>
          <Col span={10}>
            <Form.Item name="name" label={t('common.name')} rules={[{ required: true }]}>
              <Input data-testid="tariff-name" />
            </Form.Item>
          </Col>
          <Col span={5}>
            <Form.Item name="medium" label={t('tariff.medium')} rules={[{ required: true }]}>
              <Select
                showSearch
                optionFilterProp="label"
                options={ENERGY_MEDIA.map((m) => ({ value: m, label: t(`energy.medium.${m}`) }))}
                onChange={(m: string) => {
                  if (m === 'electricity') form.setFieldsValue({ unit: 'kWh' });
                  else
                    form.setFieldsValue({
                      pricing: 'flat',
                      basicKind: 'none',
                      unit: m === 'steam' ? 't' : 'm3',
                    });
                }}
              />
            </Form.Item>
          </Col>
          <Col span={3}>
            <Form.Item name="unit" label={t('tariff.unit')} rules={[{ required: true }]}>
              <Select options={TARIFF_UNITS.map((u) => ({ value: u, label: u }))} />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={12}>
          <Col span={6}>
            <Form.Item name="validFrom" label={t('tariff.validFrom')} rules={[{ required: true }]}>
              <Input type="date" data-testid="tariff-valid-from" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="validTo" label={t('tariff.validTo')}>
              <Input type="date" />
            </Form.Item>
          </Col>
          <Col span={10}>
            <Form.Item name="pricing" label={t('tariff.pricing')}>
              <Radio.Group>
                <Radio value="tou" disabled={medium !== 'electricity'}>
                  {t('tariff.pricingTou')}
                </Radio>
                <Radio value="flat">{t('tariff.pricingFlat')}</Radio>
              </Radio.Group>
            </Form.Item>
          </Col>
        </Row>
        {pricing === 'flat' ? (
          <Form.Item name="flatPrice" label={t('tariff.flatPrice', { unit })} rules={[{ required: true }]}>
            <Input style={{ width: 200 }} inputMode="decimal" />
          </Form.Item>
        ) : (
          <>
            <Typography.Text strong>{t('tariff.prices')}</Typography.Text>
            <Row gutter={12} style={{ marginTop: 8 }}>
              {TARIFF_PERIODS.map((p) => (
                <Col span={4} key={p}>
                  <Form.Item name={['prices', p]} label={t(`tariff.periodName.${p}`)}>
                    <Input
                      inputMode="decimal"
                      placeholder={t('tariff.priceUnused')}
                      data-testid={`tariff-price-${p}`}
                    />
                  </Form.Item>
                </Col>
              ))}
            </Row>
            <Typography.Text strong>{t('tariff.seasons')}</Typography.Text>
            <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
              {t('tariff.scheduleHint')}
            </Typography.Paragraph>
            <Form.List name="seasons">
              {(seasonFields, { add: addSeason, remove: removeSeason }, { errors: seasonErrors }) => (
                <Space direction="vertical" style={{ width: '100%' }}>
                  {seasonFields.map((sf) => (
                    <Card
                      key={sf.key}
                      size="small"
                      title={
                        <Form.Item name={[sf.name, 'name']} noStyle rules={[{ required: true }]}>
                          <Input placeholder={t('tariff.seasonName')} style={{ width: 220 }} />
                        </Form.Item>
                      }
                      extra={
                        <Button
                          type="link"
                          danger
                          icon={<DeleteOutlined />}
                          aria-label={t('common.delete')}
                          onClick={() => removeSeason(sf.name)}
                        />
                      }
                    >
                      <Form.Item
                        name={[sf.name, 'months']}
                        label={t('tariff.months')}
                        style={{ marginBottom: 8 }}
                      >
                        <Select mode="multiple" options={monthOptions} placeholder={t('tariff.months')} />
                      </Form.Item>
                      <PeriodBar
                        schedule={(seasons?.[sf.name]?.schedule ?? []) as Array<Partial<TTariffRange>>}
                        label={t('tariff.barLabel', { season: seasons?.[sf.name]?.name ?? '' })}
                      />
                      <Typography.Text type="secondary">{t('tariff.seasonPrices')}</Typography.Text>
                      <Row gutter={12} style={{ marginTop: 4 }}>
                        {TARIFF_PERIODS.filter((p) =>
                          (seasons?.[sf.name]?.schedule ?? []).some((r) => r?.period === p),
                        ).map((p) => (
                          <Col span={4} key={p}>
                            <Form.Item
                              name={[sf.name, 'prices', p]}
                              label={t(`tariff.periodName.${p}`)}
                              style={{ marginBottom: 8 }}
                            >
                              <Input
                                inputMode="decimal"
                                placeholder={
                                  blank(planPrices?.[p])
                                    ? t('tariff.seasonPriceInherit', { price: blank(planPrices?.[p]) })
                                    : t('tariff.seasonPriceRequired')
                                }
                                data-testid={`tariff-season-${sf.name}-price-${p}`}
                              />
                            </Form.Item>
                          </Col>
                        ))}
                      </Row>
                      <Form.List name={[sf.name, 'schedule']}>
                        {(rangeFields, { add, remove }, { errors }) => (
                          <>
                            <Form.ErrorList errors={errors} />
                            {rangeFields.map((rf) => (
                              <div key={rf.key}>
                                <Space align="baseline">
                                  <Form.Item
                                    name={[rf.name, 'period']}
                                    rules={[{ required: true }]}
                                    style={{ marginBottom: 6 }}
                                  >
                                    <Select
                                      options={periodOptions}
                                      style={{ width: 130 }}
                                      aria-label={t('tariff.period')}
                                    />
                                  </Form.Item>
                                  <Form.Item
                                    name={[rf.name, 'start']}
                                    rules={[{ required: true }]}
                                    style={{ marginBottom: 6 }}
                                  >
                                    <Select
                                      options={CLOCK_OPTIONS.slice(0, 96)}
                                      style={{ width: 100 }}
                                      aria-label={t('tariff.start')}
                                    />
                                  </Form.Item>
                                  <span>–</span>
                                  <Form.Item
                                    name={[rf.name, 'end']}
                                    rules={[{ required: true }]}
                                    style={{ marginBottom: 6 }}
                                  >
                                    <Select
                                      options={CLOCK_OPTIONS.slice(1)}
                                      style={{ width: 100 }}
                                      aria-label={t('tariff.end')}
                                    />
                                  </Form.Item>
                                  <Button
                                    type="text"
                                    icon={<DeleteOutlined />}
                                    aria-label={t('common.delete')}
                                    onClick={() => remove(rf.name)}
                                  />
                                </Space>
                              </div>
                            ))}
                            <Button
                              size="small"
                              icon={<PlusOutlined />}
                              onClick={() => {
                                const ranges = (form.getFieldValue(['seasons', sf.name, 'schedule']) ??
                                  []) as TTariffRange[];
                                add({ period: 'flat', start: ranges.at(-1)?.end ?? '00:00', end: '24:00' });
                              }}
                            >
                              {t('tariff.addRange')}
                            </Button>
                          </>
                        )}
                      </Form.List>
                    </Card>
                  ))}
                  <Button
                    icon={<PlusOutlined />}
                    onClick={() =>
                      addSeason({
                        name: '',
                        months: [],
                        schedule: [{ period: 'flat', start: '00:00', end: '24:00' }],
                      })
                    }
                  >
                    {t('tariff.addSeason')}
                  </Button>
                  <Form.ErrorList errors={seasonErrors} />
                </Space>
              )}
            </Form.List>
          </>
        )}
        {medium === 'electricity' && (
          <div style={{ marginTop: 16 }}>
            <Form.Item name="basicKind" label={t('tariff.basicCharge')}>
              <Radio.Group>
                <Radio value="none">{t('tariff.basicNone')}</Radio>
                <Radio value="demand">{t('tariff.basicDemand')}</Radio>
                <Radio value="capacity">{t('tariff.basicCapacity')}</Radio>
              </Radio.Group>
            </Form.Item>
            {basicKind === 'demand' && (
              <Form.Item
                name="pricePerKwMonth"
                label={t('tariff.pricePerKwMonth')}
                rules={[{ required: true }]}
              >
                <Input style={{ width: 200 }} inputMode="decimal" />
              </Form.Item>
            )}
            {basicKind === 'capacity' && (
              <Space>
                <Form.Item
                  name="pricePerKvaMonth"
                  label={t('tariff.pricePerKvaMonth')}
                  rules={[{ required: true }]}
                >
                  <Input style={{ width: 200 }} inputMode="decimal" />
                </Form.Item>
                <Form.Item name="capacityKva" label={t('tariff.capacityKva')} rules={[{ required: true }]}>
                  <Input style={{ width: 200 }} inputMode="decimal" />
                </Form.Item>
              </Space>
            )}
          </div>
        )}
        <Form.Item name="note" label={t('tariff.note')}>
          <Input.TextArea rows={2} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
