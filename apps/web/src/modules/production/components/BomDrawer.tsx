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
  Typography,
} from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import dayjs, { type Dayjs } from 'dayjs';
import type { TBom, TSaveBom } from '@greenmes/contracts';
import { RemoteSelect } from '../../../shared/components/RemoteSelect.tsx';
import { applyFormErrors } from '../../../shared/lib/form-errors.ts';
import { useNotifyError } from '../../../shared/hooks/use-notify-error.ts';
import { unitsApi } from '../../modeling/api/units-api.ts';
import { bomsApi } from '../api/production-api.ts';
import { searchMaterials } from '../hooks/use-production-queries.ts';

interface LineValues {
  componentId?: string;
  quantity?: string;
  unitId?: string | null;
  scrapPercent?: string;
  operationSeq?: number | null;
  note?: string;
}
interface Values {
  productId?: string;
  version?: string;
  effectiveFrom?: Dayjs;
  effectiveTo?: Dayjs | null;
  baseQuantity?: string;
  description?: string;
  lines?: LineValues[];
}

const DECIMAL = /^\d{1,12}(\.\d{1,6})?$/;

/** A BOM version: header and component lines; editable while it is a draft, read-only after. */
export function BomDrawer(props: {
  open: boolean;
  bom?: TBom;
  onClose: () => void;
  onSaved: (bom: TBom) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const [form] = Form.useForm<Values>();
  const b = props.bom;
  const readOnly = b !== undefined && b.status !== 'draft';
  const units = useQuery({ queryKey: ['modeling', 'units'], queryFn: () => unitsApi.list() });

  useEffect(() => {
    if (!props.open) return;
    form.resetFields();
    if (b)
      form.setFieldsValue({
        productId: b.productId,
        version: b.version,
        effectiveFrom: dayjs(b.effectiveFrom),
        effectiveTo: b.effectiveTo ? dayjs(b.effectiveTo) : null,
        baseQuantity: b.baseQuantity,
        description: b.description ?? '',
        lines: b.lines.map((l) => ({ ...l, note: l.note ?? '' })),
      });
    else form.setFieldsValue({ baseQuantity: '1', effectiveFrom: dayjs().startOf('month'), lines: [{}] });
  }, [props.open, b, form]);

  const save = useMutation({
    mutationFn: (v: Values) => {
      const body: TSaveBom = {
        productId: v.productId!,
        version: v.version!.trim(),
        effectiveFrom: v.effectiveFrom!.format('YYYY-MM-DD'),
        effectiveTo: v.effectiveTo ? v.effectiveTo.format('YYYY-MM-DD') : null,
        baseQuantity: v.baseQuantity?.trim() || '1',
        description: v.description?.trim() || null,
        lines: (v.lines ?? []).map((l) => ({
          componentId: l.componentId!,
          quantity: (l.quantity ?? '').trim(),
          ...(l.unitId ? { unitId: l.unitId } : {}),
          scrapPercent: l.scrapPercent?.trim() || '0',
          operationSeq: l.operationSeq ?? null,
          note: l.note?.trim() || null,
        })),
      };
      return b ? bomsApi.update(b.id, body) : bomsApi.create(body);
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
  const unitOptions = (units.data ?? []).map((u) => ({ value: u.id, label: u.code }));

  return (
    <Drawer
      open={props.open}
      onClose={props.onClose}
      width={1100}
      title={
        b
          ? `${t(readOnly ? 'production.bom.view' : 'production.bom.edit')} · ${b.productCode} ${b.version}`
          : t('production.bom.create')
      }
      extra={
        !readOnly && (
          <Space>
            <Button onClick={props.onClose}>{t('common.cancel')}</Button>
            <Button
              type="primary"
              loading={save.isPending}
              onClick={() => form.submit()}
              data-testid="bom-save"
            >
              {t('common.save')}
            </Button>
          </Space>
        )
      }
      destroyOnHidden
      data-testid="bom-drawer"
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
                selectedOption={b ? { value: b.productId, label: `${b.productCode} ${b.productName}` } : null}
                data-testid="bom-product"
              />
            </Form.Item>
          </Col>
          <Col span={4}>
            <Form.Item name="version" label={t('production.version')} rules={[{ required: true }]}>
              <Input data-testid="bom-version" />
            </Form.Item>
          </Col>
          <Col span={4}>
            <Form.Item name="baseQuantity" label={t('production.bom.baseQuantity')} rules={[decimal]}>
              <Input inputMode="decimal" />
            </Form.Item>
          </Col>
          <Col span={7}>
            <Space.Compact block>
              <Form.Item
                name="effectiveFrom"
                label={t('production.effectiveFrom')}
                rules={[{ required: true }]}
              >
                <DatePicker />
              </Form.Item>
              <Form.Item name="effectiveTo" label={t('production.effectiveTo')}>
                <DatePicker placeholder={t('production.openEnded')} />
              </Form.Item>
            </Space.Compact>
          </Col>
          <Col span={24}>
            <Form.Item name="description" label={t('production.description')}>
              <Input />
            </Form.Item>
          </Col>
        </Row>
        <Divider titlePlacement="start">{t('production.bom.lines')}</Divider>
        <Form.List name="lines">
          {(fields, { add, remove }) => (
            <>
              <Table
                size="small"
                pagination={false}
                rowKey="key"
                dataSource={fields}
                data-testid="bom-lines"
                columns={[
                  { title: t('production.bom.lineNo'), width: 56, render: (_, __, i) => i + 1 },
                  {
                    title: t('production.bom.component'),
                    render: (_, f) => (
                      <Form.Item
                        name={[f.name, 'componentId']}
                        rules={[{ required: true }]}
                        noStyle={false}
                        style={{ margin: 0 }}
                      >
                        <RemoteSelect
                          queryKey={['production', 'material-options']}
                          search={searchMaterials}
                          selectedOption={
                            b?.lines[f.name]
                              ? {
                                  value: b.lines[f.name]!.componentId,
                                  label: `${b.lines[f.name]!.componentCode} ${b.lines[f.name]!.componentName}`,
                                }
                              : null
                          }
                          style={{ width: 300 }}
                        />
                      </Form.Item>
                    ),
                  },
                  {
                    title: t('production.bom.quantity'),
                    width: 120,
                    render: (_, f) => (
                      <Form.Item
                        name={[f.name, 'quantity']}
                        rules={[{ required: true }, decimal]}
                        style={{ margin: 0 }}
                      >
                        <Input inputMode="decimal" />
                      </Form.Item>
                    ),
                  },
                  {
                    title: t('production.bom.unit'),
                    width: 110,
                    render: (_, f) => (
                      <Form.Item name={[f.name, 'unitId']} style={{ margin: 0 }}>
                        <Select
                          allowClear
                          options={unitOptions}
                          placeholder={t('production.bom.unitDefault')}
                        />
                      </Form.Item>
                    ),
                  },
                  {
                    title: t('production.bom.scrapPercent'),
                    width: 100,
                    render: (_, f) => (
                      <Form.Item name={[f.name, 'scrapPercent']} rules={[decimal]} style={{ margin: 0 }}>
                        <Input inputMode="decimal" placeholder="0" />
                      </Form.Item>
                    ),
                  },
                  {
                    title: t('production.bom.operationSeq'),
                    width: 90,
                    render: (_, f) => (
                      <Form.Item name={[f.name, 'operationSeq']} style={{ margin: 0 }}>
                        <InputNumber min={1} max={99999} precision={0} style={{ width: '100%' }} />
                      </Form.Item>
                    ),
                  },
                  {
                    title: t('production.bom.note'),
                    render: (_, f) => (
                      <Form.Item name={[f.name, 'note']} style={{ margin: 0 }}>
                        <Input />
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
                  onClick={() => add({})}
                  style={{ marginTop: 8 }}
                  block
                  data-testid="bom-add-line"
                >
                  {t('production.bom.addLine')}
                </Button>
              )}
            </>
          )}
        </Form.List>
        {b && (
          <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
            {t('production.statusLabel')}: {t(`production.status.${b.status}`)}
          </Typography.Paragraph>
        )}
      </Form>
    </Drawer>
  );
}
