import { useRef, useState } from 'react';
import {
  Alert,
  Button,
  Card,
  Col,
  Form,
  Input,
  Radio,
  Row,
  Select,
  Space,
  Statistic,
  Table,
  Tag,
} from 'antd';
import { CalculatorOutlined, UploadOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ENERGY_MEDIA, type EnergyMedium, type TTariffCostResult } from '@greenmes/contracts';
import { useNotifyError } from '../../../../shared/hooks/use-notify-error.ts';
import { tariffsApi } from '../api/tariffs-api.ts';
import { exampleDay, parsePoints, PERIOD_COLORS } from '../lib/periods.ts';
import { CostCharts } from './CostCharts.tsx';

const INTERVALS = [5, 15, 30, 60, 1440];
const pct = (v: number) => `${(v * 100).toFixed(1)}%`;
const local = (iso: string) =>
  new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });

/** Paste or upload interval consumption, price it under a plan, and show the bill by period. */
export function CostCalculator() {
  const { t } = useTranslation();
  const notifyError = useNotifyError();
  const fileRef = useRef<HTMLInputElement>(null);
  const [source, setSource] = useState<'plan' | 'medium'>('plan');
  const [tariffId, setTariffId] = useState<string>();
  const [medium, setMedium] = useState<EnergyMedium>('electricity');
  const [intervalMinutes, setIntervalMinutes] = useState(60);
  const [marks, setMarks] = useState<'start' | 'end'>('start');
  const [text, setText] = useState('');
  const [inputError, setInputError] = useState<string | null>(null);
  const plans = useQuery({
    queryKey: ['energy', 'tariffs', 'options'],
    queryFn: ({ signal }) => tariffsApi.list({ pageSize: 200 }, signal),
  });
  const calc = useMutation({ mutationFn: tariffsApi.calculate, onError: (e) => notifyError(e) });

  const run = () => {
    const parsed = parsePoints(text);
    if ('badLine' in parsed)
      return setInputError(t('tariff.calc.badLine', { line: parsed.badLine, text: parsed.text }));
    if (parsed.points.length === 0) return setInputError(t('tariff.calc.noPoints'));
    setInputError(null);
    calc.mutate({
      ...(source === 'plan' ? { tariffId } : { medium }),
      intervalMinutes,
      timestampMarks: marks,
      points: parsed.points,
    });
  };
  const result: TTariffCostResult | undefined = calc.data;

  return (
    <Row gutter={16}>
      <Col xs={24} xl={9}>
        <Card size="small" title={t('energy.inputs')}>
          <Form layout="vertical">
            <Form.Item label={t('tariff.calc.source')}>
              <Radio.Group value={source} onChange={(e) => setSource(e.target.value as 'plan' | 'medium')}>
                <Radio value="plan">{t('tariff.calc.sourcePlan')}</Radio>
                <Radio value="medium">{t('tariff.calc.sourceMedium')}</Radio>
              </Radio.Group>
            </Form.Item>
            {source === 'plan' ? (
              <Form.Item label={t('tariff.calc.plan')} required>
                <Select
                  value={tariffId}
                  onChange={setTariffId}
                  loading={plans.isFetching}
                  showSearch
                  optionFilterProp="label"
                  data-testid="cost-plan"
                  options={plans.data?.items.map((p) => ({
                    value: p.id,
                    label: `${p.code} · ${p.name} (${p.validFrom} – ${p.validTo ?? t('tariff.openEnd')})`,
                  }))}
                />
              </Form.Item>
            ) : (
              <Form.Item label={t('tariff.medium')}>
                <Select
                  value={medium}
                  onChange={setMedium}
                  options={ENERGY_MEDIA.map((m) => ({ value: m, label: t(`energy.medium.${m}`) }))}
                />
              </Form.Item>
            )}
            <Space wrap>
              <Form.Item label={t('tariff.calc.interval')}>
                <Select
                  value={intervalMinutes}
                  onChange={setIntervalMinutes}
                  style={{ width: 120 }}
                  options={INTERVALS.map((m) => ({
                    value: m,
                    label: t('tariff.calc.minutes', { count: m }),
                  }))}
                />
              </Form.Item>
              <Form.Item label={t('tariff.calc.marks')}>
                <Radio.Group value={marks} onChange={(e) => setMarks(e.target.value as 'start' | 'end')}>
                  <Radio value="start">{t('tariff.calc.marksStart')}</Radio>
                  <Radio value="end">{t('tariff.calc.marksEnd')}</Radio>
                </Radio.Group>
              </Form.Item>
            </Space>
            <Form.Item
              label={t('tariff.calc.points')}
              extra={t('tariff.calc.pointsHint')}
              validateStatus={inputError ? 'error' : undefined}
              help={inputError ?? undefined}
            >
              <Input.TextArea
                rows={12}
                value={text}
                onChange={(e) => setText(e.target.value)}
                style={{ fontFamily: 'monospace' }}
                data-testid="cost-points"
              />
            </Form.Item>
            <Space wrap>
              <Button onClick={() => setText(exampleDay())}>{t('tariff.calc.example')}</Button>
              <Button icon={<UploadOutlined />} onClick={() => fileRef.current?.click()}>
                {t('tariff.calc.upload')}
              </Button>
              <input
                ref={fileRef}
                type="file"
                accept=".csv,.txt,text/csv"
                style={{ display: 'none' }}
                onChange={(e) => {
                  const file = e.target.files?.[0];
                  if (file) void file.text().then(setText);
                  e.target.value = '';
                }}
              />
              <Button
                type="primary"
                icon={<CalculatorOutlined />}
                onClick={run}
                loading={calc.isPending}
                disabled={source === 'plan' && !tariffId}
                data-testid="cost-calculate"
              >
                {t('tariff.calc.calculate')}
              </Button>
            </Space>
          </Form>
        </Card>
      </Col>
      <Col xs={24} xl={15}>
        <Card size="small" title={t('energy.result')} data-testid="cost-result">
          {!result ? (
            <Alert type="info" showIcon message={t('energy.noResult')} />
          ) : (
            <Space direction="vertical" style={{ width: '100%' }} size="middle">
              {result.uncosted.pointCount > 0 && (
                <Alert
                  type="warning"
                  showIcon
                  data-testid="cost-uncosted"
                  message={t('tariff.calc.uncosted', {
                    count: result.uncosted.pointCount,
                    quantity: `${result.uncosted.quantity.toFixed(2)} ${result.unit}`,
                    first: result.uncosted.timestamps.slice(0, 3).join(', '),
                  })}
                />
              )}
              <Row gutter={[16, 16]}>
                <Col span={6}>
                  <Statistic title={t('tariff.calc.totalCost')} value={result.totalCost} />
                </Col>
                <Col span={6}>
                  <Statistic title={t('tariff.calc.energyCost')} value={result.energyCost} />
                </Col>
                <Col span={6}>
                  <Statistic title={t('tariff.calc.basicCost')} value={result.basicCost} />
                </Col>
                <Col span={6}>
                  <Statistic
                    title={t('tariff.calc.averagePrice', { unit: result.unit })}
                    value={result.averagePrice ?? '—'}
                  />
                </Col>
                <Col span={6}>
                  <Statistic
                    title={t('tariff.calc.totalQuantity')}
                    value={result.totalQuantity.toFixed(2)}
                    suffix={result.unit}
                  />
                </Col>
                <Col span={6}>
                  <Statistic title={t('tariff.calc.peakShare')} value={pct(result.peakShare)} />
                </Col>
                <Col span={6}>
                  <Statistic title={t('tariff.calc.valleyShare')} value={pct(result.valleyShare)} />
                </Col>
                <Col span={6}>
                  <Statistic
                    title={t('tariff.calc.averagePriceAllIn')}
                    value={result.averagePriceAllIn ?? '—'}
                  />
                </Col>
              </Row>
              {result.maxDemand && result.unit === 'kWh' && (
                <Alert
                  type="info"
                  data-testid="cost-max-demand"
                  message={
                    <span>
                      <b>{t('tariff.calc.maxDemand')}:</b> {result.maxDemand.kw.toFixed(1)} kW,{' '}
                      {t('tariff.calc.maxDemandAt', { at: local(result.maxDemand.at) })} (
                      {t(`tariff.calc.basis.${result.maxDemand.basis}`)})
                    </span>
                  }
                />
              )}
              <CostCharts result={result} />
              <Table
                size="small"
                rowKey={(r) => `${r.planCode}-${r.season ?? ''}-${r.period}`}
                pagination={false}
                title={() => t('tariff.calc.byPeriod')}
                dataSource={result.lines}
                columns={[
                  { title: t('tariff.calc.planCode'), dataIndex: 'planCode' },
                  {
                    title: t('tariff.season'),
                    dataIndex: 'season',
                    render: (s: string | null) => s ?? t('tariff.calc.planPrice'),
                  },
                  {
                    title: t('tariff.period'),
                    dataIndex: 'period',
                    render: (p: keyof typeof PERIOD_COLORS) => (
                      <Tag color={PERIOD_COLORS[p]}>{t(`tariff.periodName.${p}`)}</Tag>
                    ),
                  },
                  {
                    title: t('tariff.calc.quantity', { unit: result.unit }),
                    dataIndex: 'quantity',
                    align: 'right',
                    render: (v: number) => v.toFixed(2),
                  },
                  { title: t('tariff.calc.price'), dataIndex: 'price', align: 'right' },
                  { title: t('tariff.calc.cost'), dataIndex: 'cost', align: 'right' },
                  {
                    title: t('tariff.calc.share'),
                    key: 'share',
                    align: 'right',
                    render: (_: unknown, r) =>
                      result.costedQuantity > 0 ? pct(r.quantity / result.costedQuantity) : '—',
                  },
                ]}
              />
              {result.basicCharges.length > 0 && (
                <Table
                  size="small"
                  rowKey={(r) => `${r.month}-${r.planCode}`}
                  pagination={false}
                  title={() => t('tariff.calc.basicLines')}
                  dataSource={result.basicCharges}
                  columns={[
                    { title: t('tariff.calc.month'), dataIndex: 'month' },
                    { title: t('tariff.calc.planCode'), dataIndex: 'planCode' },
                    {
                      title: t('tariff.basicCharge'),
                      key: 'basis',
                      render: (_: unknown, r) =>
                        r.basis === 'demand'
                          ? `${r.maxDemandKw?.toFixed(1)} kW × ${r.price}`
                          : `${r.capacityKva} kVA × ${r.price}`,
                    },
                    { title: t('tariff.calc.cost'), dataIndex: 'cost', align: 'right' },
                  ]}
                />
              )}
            </Space>
          )}
        </Card>
      </Col>
    </Row>
  );
}
