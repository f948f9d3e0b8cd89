import { useEffect } from 'react';
import {
  Alert,
  App,
  Button,
  Checkbox,
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
import dayjs, { type Dayjs } from 'dayjs';
import type { TRouting, TSaveRouting } from '@greenmes/contracts';
import { RemoteSelect } from '../../../shared/components/RemoteSelect.tsx';
import { applyFormErrors } from '../../../shared/lib/form-errors.ts';
import { useNotifyError } from '../../../shared/hooks/use-notify-error.ts';
import { routingsApi } from '../api/production-api.ts';
import { searchMaterials, useWorkCenterOptions } from '../hooks/use-production-queries.ts';

interface OperationValues {
  seqNo?: number;
  code?: string;
  name?: string;
  workCenterId?: string;
  setupMinutes?: string;
  runSecondsPerUnit?: string;
  requiredSkill?: string;
  isInspectionPoint?: boolean;
  description?: string;
}
interface Values {
  productId?: string;
  version?: string;
  effectiveFrom?: Dayjs;
  effectiveTo?: Dayjs | null;
  description?: string;
  operations?: OperationValues[];
}
const DECIMAL = /^\d{1,12}(\.\d{1,6})?$/;

/** A routing version: its ordered operations on work centers; editable while a draft. */
export function RoutingDrawer(props: {
  open: boolean;
  routing?: TRouting;
  onClose: () => void;
  onSaved: (routing: TRouting) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const [form] = Form.useForm<Values>();
  const workCenters = useWorkCenterOptions();
  const r = props.routing;
  const readOnly = r !== undefined && r.status !== 'draft';

  useEffect(() => {
    if (!props.open) return;
    form.resetFields();
    if (r)
      form.setFieldsValue({
        productId: r.productId,
        version: r.version,
        effectiveFrom: dayjs(r.effectiveFrom),
        effectiveTo: r.effectiveTo ? dayjs(r.effectiveTo) : null,
        description: r.description ?? '',
        operations: r.operations.map((o) => ({
          ...o,
          requiredSkill: o.requiredSkill ?? '',
          description: o.description ?? '',
        })),
      });
    else
      form.setFieldsValue({
        effectiveFrom: dayjs().startOf('month'),
        operations: [{ seqNo: 10, setupMinutes: '0', runSecondsPerUnit: '0' }],
      });
  }, [props.open, r, form]);

  const save = useMutation({
    mutationFn: (v: Values) => {
      const body: TSaveRouting = {
        productId: v.productId!,
        version: v.version!.trim(),
        effectiveFrom: v.effectiveFrom!.format('YYYY-MM-DD'),
        effectiveTo: v.effectiveTo ? v.effectiveTo.format('YYYY-MM-DD') : null,
        description: v.description?.trim() || null,
        operations: (v.operations ?? []).map((o) => ({
          seqNo: o.seqNo!,
          code: (o.code ?? '').trim(),
          name: (o.name ?? '').trim(),
          workCenterId: o.workCenterId!,
          setupMinutes: o.setupMinutes?.trim() || '0',
          runSecondsPerUnit: o.runSecondsPerUnit?.trim() || '0',
          requiredSkill: o.requiredSkill?.trim() || null,
          isInspectionPoint: o.isInspectionPoint ?? false,
          description: o.description?.trim() || null,
        })),
      };
      return r ? routingsApi.update(r.id, body) : routingsApi.create(body);
    },
    onSuccess: (saved) => {
      void message.success(t('common.saved'));
      props.onSaved(saved);
    },
    onError: (e) => {
      if (!applyFormErrors(form, e)) notifyError(e);
    },
  });
  const decimal = { pattern: DECIMAL, message: t('ledgers.nonNegative') };
  const cell = { style: { margin: 0 } };

  return (
    <Drawer
      open={props.open}
      onClose={props.onClose}
      width={1200}
      title={
        r
          ? `${t(readOnly ? 'production.routing.view' : 'production.routing.edit')} · ${r.productCode} ${r.version}`
          : t('production.routing.create')
      }
      extra={
        !readOnly && (
          <Space>
            <Button onClick={props.onClose}>{t('common.cancel')}</Button>
            <Button
              type="primary"
              loading={save.isPending}
              onClick={() => form.submit()}
              data-testid="routing-save"
            >
              {t('common.save')}
            </Button>
          </Space>
        )
      }
      destroyOnHidden
      data-testid="routing-drawer"
    >
      {readOnly && (
        <Alert type="info" showIcon title={t('production.readOnly')} style={{ marginBottom: 16 }} />
      )}
      <Form<Values> form={form} layout="vertical" disabled={readOnly} onFinish={(v) => save.mutate(v)}>
        <Row gutter={16}>
          <Col span={9}>
            <Form.Item name="productId" label={t('production.product')} rules={[{ required: true }]}>
              <RemoteSelect
                queryKey={['production', 'material-options']}
                search={searchMaterials}
                selectedOption={r ? { value: r.productId, label: `${r.productCode} ${r.productName}` } : null}
              />
            </Form.Item>
          </Col>
          <Col span={4}>
            <Form.Item name="version" label={t('production.version')} rules={[{ required: true }]}>
              <Input />
            </Form.Item>
          </Col>
          <Col span={5}>
            <Form.Item
              name="effectiveFrom"
              label={t('production.effectiveFrom')}
              rules={[{ required: true }]}
            >
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={5}>
            <Form.Item name="effectiveTo" label={t('production.effectiveTo')}>
              <DatePicker style={{ width: '100%' }} placeholder={t('production.openEnded')} />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="description" label={t('production.description')}>
              <Input />
            </Form.Item>
          </Col>
        </Row>
        <Divider titlePlacement="start">{t('production.routing.operations')}</Divider>
        <Form.List name="operations">
          {(fields, { add, remove }) => (
            <>
              <Table
                size="small"
                pagination={false}
                rowKey="key"
                dataSource={fields}
                scroll={{ x: 1150 }}
                data-testid="routing-operations"
                columns={[
                  {
                    title: t('production.routing.seqNo'),
                    width: 80,
                    render: (_, f) => (
                      <Form.Item name={[f.name, 'seqNo']} rules={[{ required: true }]} {...cell}>
                        <InputNumber min={1} max={99999} precision={0} style={{ width: '100%' }} />
                      </Form.Item>
                    ),
                  },
                  {
                    title: t('production.routing.code'),
                    width: 100,
                    render: (_, f) => (
                      <Form.Item name={[f.name, 'code']} rules={[{ required: true }]} {...cell}>
                        <Input />
                      </Form.Item>
                    ),
                  },
                  {
                    title: t('production.routing.name'),
                    width: 160,
                    render: (_, f) => (
                      <Form.Item name={[f.name, 'name']} rules={[{ required: true }]} {...cell}>
                        <Input />
                      </Form.Item>
                    ),
                  },
                  {
                    title: t('production.routing.workCenter'),
                    width: 220,
                    render: (_, f) => (
                      <Form.Item name={[f.name, 'workCenterId']} rules={[{ required: true }]} {...cell}>
                        <Select options={workCenters} showSearch={{ optionFilterProp: 'label' }} />
                      </Form.Item>
                    ),
                  },
                  {
                    title: t('production.routing.setupMinutes'),
                    width: 110,
                    render: (_, f) => (
                      <Form.Item name={[f.name, 'setupMinutes']} rules={[decimal]} {...cell}>
                        <Input inputMode="decimal" />
                      </Form.Item>
                    ),
                  },
                  {
                    title: t('production.routing.runSecondsPerUnit'),
                    width: 130,
                    render: (_, f) => (
                      <Form.Item name={[f.name, 'runSecondsPerUnit']} rules={[decimal]} {...cell}>
                        <Input inputMode="decimal" />
                      </Form.Item>
                    ),
                  },
                  {
                    title: t('production.routing.requiredSkill'),
                    width: 150,
                    render: (_, f) => (
                      <Form.Item name={[f.name, 'requiredSkill']} {...cell}>
                        <Input />
                      </Form.Item>
                    ),
                  },
                  {
                    title: t('production.routing.isInspectionPoint'),
                    width: 80,
                    render: (_, f) => (
                      <Form.Item name={[f.name, 'isInspectionPoint']} valuePropName="checked" {...cell}>
                        <Checkbox />
                      </Form.Item>
                    ),
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
                  block
                  style={{ marginTop: 8 }}
                  onClick={() => {
                    const ops = (form.getFieldValue('operations') as OperationValues[] | undefined) ?? [];
                    const last = Math.max(0, ...ops.map((o) => o?.seqNo ?? 0));
                    add({ seqNo: last + 10, setupMinutes: '0', runSecondsPerUnit: '0' });
                  }}
                >
                  {t('production.routing.addOperation')}
                </Button>
              )}
            </>
          )}
        </Form.List>
      </Form>
    </Drawer>
  );
}
