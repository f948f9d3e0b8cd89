import { useEffect } from 'react';
import {
  Alert,
  App,
  Button,
  Col,
  DatePicker,
  Divider,
  Drawer,
  Form,
  Input,
  InputNumber,
  Row,
  Select,
  Space,
  Table,
} from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import dayjs, { type Dayjs } from 'dayjs';
import type { TPlan, TSavePlan } from '@greenmes/contracts';
import { RemoteSelect } from '../../../shared/components/RemoteSelect.tsx';
import { applyFormErrors } from '../../../shared/lib/form-errors.ts';
import { useNotifyError } from '../../../shared/hooks/use-notify-error.ts';
import { plansApi } from '../api/work-orders-api.ts';
import { searchMaterials } from '../hooks/use-production-queries.ts';
import { useSiteOptions } from '../hooks/use-work-order-queries.ts';

interface LineValues {
  productId?: string;
  quantity?: string;
  dueDate?: Dayjs;
  priority?: number;
  note?: string;
}
interface Values {
  code?: string;
  siteId?: string;
  period?: [Dayjs, Dayjs];
  description?: string;
  lines?: LineValues[];
}

const DECIMAL = /^\d{1,12}(\.\d{1,6})?$/;

/** A production plan: header and lines; editable while draft. */
export function PlanDrawer(props: {
  open: boolean;
  plan?: TPlan;
  onClose: () => void;
  onSaved: (plan: TPlan) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const [form] = Form.useForm<Values>();
  const sites = useSiteOptions();
  const p = props.plan;
  const readOnly = p !== undefined && p.status !== 'draft';

  useEffect(() => {
    if (!props.open) return;
    form.resetFields();
    if (p)
      form.setFieldsValue({
        code: p.code,
        siteId: p.siteId,
        period: [dayjs(p.periodStart), dayjs(p.periodEnd)],
        description: p.description ?? '',
        lines: p.lines.map((l) => ({ ...l, dueDate: dayjs(l.dueDate), note: l.note ?? '' })),
      });
    else
      form.setFieldsValue({
        siteId: sites.length === 1 ? sites[0]!.value : undefined,
        period: [dayjs().add(1, 'month').startOf('month'), dayjs().add(1, 'month').endOf('month')],
        lines: [{ priority: 5 }],
      });
    // sites arrive once; a new plan picks the only one
  }, [props.open, p, form, sites.length]); // eslint-disable-line react-hooks/exhaustive-deps

  const save = useMutation({
    mutationFn: (v: Values) => {
      const body: TSavePlan = {
        code: v.code!.trim(),
        siteId: v.siteId!,
        periodStart: v.period![0].format('YYYY-MM-DD'),
        periodEnd: v.period![1].format('YYYY-MM-DD'),
        description: v.description?.trim() || null,
        lines: (v.lines ?? []).map((l) => ({
          productId: l.productId!,
          quantity: (l.quantity ?? '').trim(),
          dueDate: l.dueDate!.format('YYYY-MM-DD'),
          priority: l.priority ?? 5,
          note: l.note?.trim() || null,
        })),
      };
      return p ? plansApi.update(p.id, body) : plansApi.create(body);
    },
    onSuccess: (saved) => {
      void message.success(t('common.saved'));
      props.onSaved(saved);
    },
    onError: (e) => {
      if (!applyFormErrors(form, e)) notifyError(e);
    },
  });

  return (
    <Drawer
      open={props.open}
      onClose={props.onClose}
      width={1000}
      title={
        p
          ? `${t(readOnly ? 'workOrders.plan.view' : 'workOrders.plan.edit')} · ${p.code}`
          : t('workOrders.plan.create')
      }
      extra={
        !readOnly && (
          <Space>
            <Button onClick={props.onClose}>{t('common.cancel')}</Button>
            <Button
              type="primary"
              loading={save.isPending}
              onClick={() => form.submit()}
              data-testid="plan-save"
            >
              {t('common.save')}
            </Button>
          </Space>
        )
      }
      destroyOnHidden
      data-testid="plan-drawer"
    >
      {readOnly && (
        <Alert type="info" showIcon title={t('workOrders.plan.readOnly')} style={{ marginBottom: 16 }} />
      )}
      <Form<Values> form={form} layout="vertical" disabled={readOnly} onFinish={(v) => save.mutate(v)}>
        <Row gutter={16}>
          <Col span={6}>
            <Form.Item name="code" label={t('workOrders.plan.code')} rules={[{ required: true }]}>
              <Input data-testid="plan-code" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="siteId" label={t('workOrders.plan.site')} rules={[{ required: true }]}>
              <Select options={sites} />
            </Form.Item>
          </Col>
          <Col span={10}>
            <Form.Item name="period" label={t('workOrders.plan.period')} rules={[{ required: true }]}>
              <DatePicker.RangePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="description" label={t('production.description')}>
              <Input />
            </Form.Item>
          </Col>
        </Row>
        <Divider titlePlacement="start">{t('workOrders.plan.lines')}</Divider>
        <Form.List name="lines">
          {(fields, { add, remove }) => (
            <>
              <Table
                size="small"
                pagination={false}
                rowKey="key"
                dataSource={fields}
                data-testid="plan-lines"
                columns={[
                  { title: '#', width: 48, render: (_, __, i) => i + 1 },
                  {
                    title: t('workOrders.product'),
                    render: (_, f) => (
                      <Form.Item
                        name={[f.name, 'productId']}
                        rules={[{ required: true }]}
                        style={{ margin: 0 }}
                      >
                        <RemoteSelect
                          queryKey={['production', 'material-options']}
                          search={searchMaterials}
                          selectedOption={
                            p?.lines[f.name]
                              ? {
                                  value: p.lines[f.name]!.productId,
                                  label: `${p.lines[f.name]!.productCode} ${p.lines[f.name]!.productName}`,
                                }
                              : null
                          }
                          style={{ width: 280 }}
                        />
                      </Form.Item>
                    ),
                  },
                  {
                    title: t('workOrders.plan.quantity'),
                    width: 110,
                    render: (_, f) => (
                      <Form.Item
                        name={[f.name, 'quantity']}
                        rules={[{ required: true }, { pattern: DECIMAL, message: t('ledgers.nonNegative') }]}
                        style={{ margin: 0 }}
                      >
                        <Input inputMode="decimal" />
                      </Form.Item>
                    ),
                  },
                  {
                    title: t('workOrders.plan.dueDate'),
                    width: 150,
                    render: (_, f) => (
                      <Form.Item
                        name={[f.name, 'dueDate']}
                        rules={[{ required: true }]}
                        style={{ margin: 0 }}
                      >
                        <DatePicker />
                      </Form.Item>
                    ),
                  },
                  {
                    title: t('workOrders.plan.priority'),
                    width: 90,
                    render: (_, f) => (
                      <Form.Item name={[f.name, 'priority']} style={{ margin: 0 }}>
                        <InputNumber min={1} max={9} precision={0} style={{ width: '100%' }} />
                      </Form.Item>
                    ),
                  },
                  {
                    title: t('workOrders.plan.workOrder'),
                    width: 150,
                    render: (_, f) => {
                      const line = p?.lines[f.name];
                      return line?.workOrderId ? (
                        <Link to={`/production/work-orders/${line.workOrderId}`}>{line.workOrderNumber}</Link>
                      ) : null;
                    },
                  },
                  {
                    width: 40,
                    render: (_, f) =>
                      !readOnly && (
                        <Button
                          type="text"
                          danger
                          icon={<DeleteOutlined />}
                          aria-label={t('common.delete')}
                          onClick={() => remove(f.name)}
                        />
                      ),
                  },
                ]}
              />
              {!readOnly && (
                <Button
                  type="dashed"
                  icon={<PlusOutlined />}
                  onClick={() => add({ priority: 5 })}
                  style={{ marginTop: 8 }}
                  block
                  data-testid="plan-add-line"
                >
                  {t('workOrders.plan.addLine')}
                </Button>
              )}
            </>
          )}
        </Form.List>
      </Form>
    </Drawer>
  );
}
