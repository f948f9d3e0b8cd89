import { useEffect, useMemo } from 'react';
import { App, Button, Col, Drawer, Form, Input, Radio, Row, Select, Space } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { TProductEnergy, TPutProductEnergy } from '@greenmes/contracts';
import { PlantNodeTreeSelect } from '../../../modeling/index.ts';
import { applyFormErrors } from '../../../../shared/lib/form-errors.ts';
import { useNotifyError } from '../../../../shared/hooks/use-notify-error.ts';
import { useFinishedProducts } from '../../ledgers/hooks/use-ledger-options.ts';
import { productsApi } from '../api/products-api.ts';

interface Values {
  materialId?: string;
  nodes: Array<{ nodeId?: string | null; weight?: string }>;
  limitKgcePerUnit?: string | null;
  limitValueKind: 'equivalent' | 'equal';
  limitStandard?: string | null;
  note?: string | null;
}

// the contract's decimal, and greater than 0 (a weight or limit of 0 would drop the product from its node)
const POSITIVE = /^(?!0+(\.0+)?$)\d{1,12}(\.\d{1,6})?$/;
const orNull = (v: string | null | undefined) => v?.trim() || null;

/** Where a finished product is made (nodes with weights) and its limit value, saved together (PUT). */
export function ProductEnergyDrawer(props: {
  open: boolean;
  product?: TProductEnergy;
  /** products that already have settings: a new one is picked among the others */
  configured: TProductEnergy[];
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const [form] = Form.useForm<Values>();
  const finished = useFinishedProducts();
  const editing = props.product;
  const { configured } = props;

  const productOptions = useMemo(() => {
    const taken = new Set(configured.map((p) => p.materialId));
    return (finished.data ?? [])
      .filter((m) => editing?.materialId === m.id || !taken.has(m.id))
      .map((m) => ({ value: m.id, label: `${m.code} ${m.name}` }));
  }, [finished.data, configured, editing]);

  useEffect(() => {
    if (!props.open) return;
    form.resetFields();
    form.setFieldsValue(
      editing
        ? {
            materialId: editing.materialId,
            nodes: editing.nodes.map((n) => ({ nodeId: n.nodeId, weight: n.weight })),
            limitKgcePerUnit: editing.limitKgcePerUnit,
            limitValueKind: editing.limitValueKind,
            limitStandard: editing.limitStandard,
            note: editing.note,
          }
        : { nodes: [{ weight: '1' }], limitValueKind: 'equivalent' },
    );
  }, [props.open, editing, form]);

  const save = useMutation({
    mutationFn: (v: Values) => {
      const body: TPutProductEnergy = {
        nodes: v.nodes.map((n) => ({ nodeId: n.nodeId!, weight: n.weight?.trim() || '1' })),
        limitKgcePerUnit: orNull(v.limitKgcePerUnit),
        limitValueKind: v.limitValueKind,
        limitStandard: orNull(v.limitStandard),
        note: orNull(v.note),
      };
      return productsApi.put(v.materialId!, body);
    },
    onSuccess: () => {
      void message.success(t('common.saved'));
      props.onSaved();
      props.onClose();
    },
    onError: (e) => {
      // "body.nodes.1.nodeId" lands on the second node's picker
      if (!applyFormErrors(form, e)) notifyError(e);
    },
  });
  const positive = { pattern: POSITIVE, message: t('energyProducts.form.positive') };

  return (
    <Drawer
      open={props.open}
      onClose={props.onClose}
      size={640}
      title={
        editing
          ? t('energyProducts.form.editTitle', { product: editing.materialName })
          : t('energyProducts.form.createTitle')
      }
      extra={
        <Space>
          <Button onClick={props.onClose}>{t('common.cancel')}</Button>
          <Button
            type="primary"
            loading={save.isPending}
            onClick={() => form.submit()}
            data-testid="product-save"
          >
            {t('common.save')}
          </Button>
        </Space>
      }
      destroyOnHidden
    >
      <Form<Values> form={form} layout="vertical" onFinish={(v) => save.mutate(v)} data-testid="product-form">
        <Form.Item name="materialId" label={t('energyProducts.form.product')} rules={[{ required: true }]}>
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            options={productOptions}
            loading={finished.isLoading}
            disabled={!!editing}
            data-testid="product-material"
          />
        </Form.Item>
        <Form.List
          name="nodes"
          rules={[
            {
              validator: async (_, nodes: unknown[] | undefined) => {
                if (!nodes?.length) throw new Error(t('energyProducts.form.noNodes'));
              },
            },
          ]}
        >
          {(fields, { add, remove }, { errors }) => (
            <>
              <Row gutter={8} style={{ marginBottom: 8 }}>
                <Col flex="auto">{t('energyProducts.form.node')}</Col>
                <Col style={{ width: 140 }}>{t('energyProducts.form.weight')}</Col>
                <Col style={{ width: 40 }} />
              </Row>
              {fields.map((field, index) => (
                <Row key={field.key} gutter={8} wrap={false} data-testid={`product-node-row-${index}`}>
                  <Col flex="auto" style={{ minWidth: 0 }}>
                    <Form.Item name={[field.name, 'nodeId']} rules={[{ required: true }]}>
                      <PlantNodeTreeSelect data-testid={`product-node-${index}`} />
                    </Form.Item>
                  </Col>
                  <Col style={{ width: 140 }}>
                    <Form.Item name={[field.name, 'weight']} rules={[{ required: true }, positive]}>
                      <Input
                        inputMode="decimal"
                        aria-label={t('energyProducts.form.weight')}
                        data-testid={`product-node-weight-${index}`}
                      />
                    </Form.Item>
                  </Col>
                  <Col style={{ width: 40 }}>
                    <Button
                      type="link"
                      danger
                      icon={<DeleteOutlined />}
                      aria-label={t('common.delete')}
                      onClick={() => remove(field.name)}
                      data-testid={`product-node-remove-${index}`}
                    />
                  </Col>
                </Row>
              ))}
              <Form.Item extra={t('energyProducts.form.weightHelp')}>
                <Button
                  icon={<PlusOutlined />}
                  type="dashed"
                  block
                  onClick={() => add({ weight: '1' })}
                  data-testid="product-node-add"
                >
                  {t('energyProducts.form.addNode')}
                </Button>
                <Form.ErrorList errors={errors} />
              </Form.Item>
            </>
          )}
        </Form.List>
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item name="limitKgcePerUnit" label={t('energyProducts.form.limit')} rules={[positive]}>
              <Input inputMode="decimal" data-testid="product-limit" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="limitValueKind" label={t('energyProducts.form.valueKind')}>
              <Radio.Group
                optionType="button"
                options={[
                  { value: 'equivalent', label: t('energyProducts.equivalent') },
                  { value: 'equal', label: t('energyProducts.equal') },
                ]}
              />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="limitStandard" label={t('energyProducts.form.standard')}>
          <Input maxLength={200} placeholder={t('energyProducts.form.standardPlaceholder')} />
        </Form.Item>
        <Form.Item name="note" label={t('energyProducts.form.note')}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
