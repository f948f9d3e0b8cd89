import { useEffect } from 'react';
import { App, Button, DatePicker, Drawer, Form, Input, Select, Space, Table } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import dayjs, { type Dayjs } from 'dayjs';
import type { TEconomicMonth } from '@greenmes/contracts';
import { applyFormErrors } from '../../../../shared/lib/form-errors.ts';
import { useNotifyError } from '../../../../shared/hooks/use-notify-error.ts';
import { economicsApi } from '../api/ledgers-api.ts';
import { useFinishedProducts, usePlantOptions } from '../hooks/use-ledger-options.ts';

interface Values {
  siteId?: string;
  month?: Dayjs;
  grossOutputValue?: string;
  valueAdded?: string;
  note?: string | null;
  products: Array<{ materialId?: string; quantity?: string; qualifiedQuantity?: string | null }>;
}

const DECIMAL = /^-?\d{1,12}(\.\d{1,6})?$/;

/** The month editor: one site's values and its product output grid, saved together (PUT). */
export function EconomicMonthDrawer(props: {
  open: boolean;
  month?: TEconomicMonth;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const [form] = Form.useForm<Values>();
  const { sites } = usePlantOptions();
  const products = useFinishedProducts();
  const editing = props.month;

  useEffect(() => {
    if (!props.open) return;
    form.resetFields();
    form.setFieldsValue(
      editing
        ? {
            siteId: editing.siteId,
            month: dayjs(`${editing.month}-01`),
            grossOutputValue: editing.grossOutputValue,
            valueAdded: editing.valueAdded,
            note: editing.note,
            products: editing.products.map((p) => ({
              materialId: p.materialId,
              quantity: p.quantity,
              qualifiedQuantity: p.qualifiedQuantity,
            })),
          }
        : { siteId: sites.length === 1 ? sites[0]!.value : undefined, products: [] },
    );
  }, [props.open, editing, form, sites]);

  const save = useMutation({
    mutationFn: (v: Values) =>
      economicsApi.put(v.siteId!, v.month!.format('YYYY-MM'), {
        grossOutputValue: v.grossOutputValue!.trim(),
        valueAdded: v.valueAdded!.trim(),
        note: v.note || null,
        products: v.products
          .filter((p) => p.materialId)
          .map((p) => ({
            materialId: p.materialId!,
            quantity: (p.quantity ?? '').trim(),
            qualifiedQuantity: p.qualifiedQuantity?.trim() || null,
          })),
      }),
    onSuccess: () => {
      void message.success(t('common.saved'));
      props.onSaved();
      props.onClose();
    },
    onError: (e) => {
      if (!applyFormErrors(form, e)) notifyError(e);
    },
  });
  const unitOf = (id?: string) => products.data?.find((m) => m.id === id)?.unitCode ?? '';
  const decimalRule = { pattern: DECIMAL, message: t('ledgers.decimal') };

  return (
    <Drawer
      open={props.open}
      onClose={props.onClose}
      width={720}
      title={
        editing
          ? t('ledgers.economics.edit', { site: editing.siteCode, month: editing.month })
          : t('ledgers.economics.create')
      }
      extra={
        <Space>
          <Button onClick={props.onClose}>{t('common.cancel')}</Button>
          <Button
            type="primary"
            loading={save.isPending}
            onClick={() => form.submit()}
            data-testid="economics-save"
          >
            {t('common.save')}
          </Button>
        </Space>
      }
      destroyOnHidden
    >
      <Form<Values> form={form} layout="vertical" onFinish={(v) => save.mutate(v)}>
        <Space wrap size="large">
          <Form.Item name="siteId" label={t('ledgers.economics.site')} rules={[{ required: true }]}>
            <Select options={sites} disabled={!!editing} style={{ width: 260 }} />
          </Form.Item>
          <Form.Item name="month" label={t('ledgers.economics.month')} rules={[{ required: true }]}>
            <DatePicker picker="month" disabled={!!editing} />
          </Form.Item>
        </Space>
        <Space wrap size="large">
          <Form.Item
            name="grossOutputValue"
            label={t('ledgers.economics.grossOutputValue')}
            rules={[
              { required: true },
              { pattern: /^\d{1,12}(\.\d{1,6})?$/, message: t('ledgers.nonNegative') },
            ]}
          >
            <Input inputMode="decimal" style={{ width: 200 }} data-testid="economics-gross" />
          </Form.Item>
          <Form.Item
            name="valueAdded"
            label={t('ledgers.economics.valueAdded')}
            rules={[{ required: true }, decimalRule]}
          >
            <Input inputMode="decimal" style={{ width: 200 }} data-testid="economics-added" />
          </Form.Item>
        </Space>
        <Form.Item name="note" label={t('ledgers.economics.note')}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
        <Form.List name="products">
          {(fields, { add, remove }) => (
            <>
              <Table
                size="small"
                pagination={false}
                title={() => t('ledgers.economics.products')}
                rowKey="key"
                dataSource={fields}
                columns={[
                  {
                    title: t('ledgers.economics.product'),
                    render: (_, field) => (
                      <Form.Item name={[field.name, 'materialId']} rules={[{ required: true }]} noStyle>
                        <Select
                          showSearch
                          optionFilterProp="label"
                          style={{ width: 260 }}
                          options={(products.data ?? []).map((m) => ({
                            value: m.id,
                            label: `${m.code} ${m.name}`,
                          }))}
                        />
                      </Form.Item>
                    ),
                  },
                  {
                    title: t('ledgers.economics.quantity'),
                    render: (_, field) => (
                      <Form.Item
                        name={[field.name, 'quantity']}
                        rules={[{ required: true }, decimalRule]}
                        noStyle
                      >
                        <Input inputMode="decimal" style={{ width: 120 }} />
                      </Form.Item>
                    ),
                  },
                  {
                    title: t('ledgers.economics.qualifiedQuantity'),
                    render: (_, field) => (
                      <Form.Item name={[field.name, 'qualifiedQuantity']} rules={[decimalRule]} noStyle>
                        <Input inputMode="decimal" style={{ width: 120 }} />
                      </Form.Item>
                    ),
                  },
                  {
                    title: t('ledgers.economics.unit'),
                    width: 70,
                    render: (_, field) => (
                      <Form.Item noStyle shouldUpdate>
                        {() => unitOf(form.getFieldValue(['products', field.name, 'materialId']) as string)}
                      </Form.Item>
                    ),
                  },
                  {
                    width: 50,
                    render: (_, field) => (
                      <Button
                        type="link"
                        danger
                        icon={<DeleteOutlined />}
                        aria-label={t('common.delete')}
                        onClick={() => remove(field.name)}
                      />
                    ),
                  },
                ]}
              />
              <Button
                icon={<PlusOutlined />}
                type="dashed"
                block
                onClick={() => add({})}
                style={{ marginTop: 8 }}
              >
                {t('ledgers.economics.addProduct')}
              </Button>
            </>
          )}
        </Form.List>
      </Form>
    </Drawer>
  );
}
