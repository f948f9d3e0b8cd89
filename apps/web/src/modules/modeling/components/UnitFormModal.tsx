import { useEffect } from 'react';
import { App, Form, Input, Modal, Select, Switch } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { UNIT_DIMENSIONS, type TCreateUnit, type TUnit } from '@greenmes/contracts';
import { applyFormErrors } from '../../../shared/lib/form-errors.ts';
import { useNotifyError } from '../../../shared/hooks/use-notify-error.ts';
import { unitsApi } from '../api/units-api.ts';
import { useInvalidateModeling } from '../hooks/use-modeling-queries.ts';

const POSITIVE_DECIMAL = /^\d{1,12}(\.\d{1,6})?$/;

export function UnitFormModal(props: { open: boolean; unit?: TUnit; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const invalidate = useInvalidateModeling();
  const [form] = Form.useForm<TCreateUnit>();
  const { open, unit } = props;

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue(unit ?? { dimension: 'mass', baseFactor: '1', isBase: false });
  }, [open, unit, form]);

  const save = useMutation({
    mutationFn: (v: TCreateUnit) =>
      unit
        ? unitsApi.update(unit.id, {
            name: v.name.trim(),
            baseFactor: v.baseFactor.trim(),
            isBase: Boolean(v.isBase),
          })
        : unitsApi.create({
            ...v,
            code: v.code.trim(),
            name: v.name.trim(),
            baseFactor: v.baseFactor.trim(),
            isBase: Boolean(v.isBase),
          }),
    onSuccess: () => {
      void message.success(t('common.saved'));
      void invalidate();
      props.onClose();
    },
    onError: (error) => {
      if (!applyFormErrors(form, error)) notifyError(error);
    },
  });

  return (
    <Modal
      open={open}
      title={unit ? t('unit.edit', { code: unit.code }) : t('unit.create')}
      onCancel={props.onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      destroyOnHidden
    >
      <Form<TCreateUnit> form={form} layout="vertical" onFinish={(v) => save.mutate(v)}>
        <Form.Item name="code" label={t('common.code')} rules={[{ required: true }, { max: 32 }]}>
          <Input disabled={Boolean(unit)} />
        </Form.Item>
        <Form.Item name="name" label={t('common.name')} rules={[{ required: true }, { max: 200 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="dimension" label={t('unit.dimensionLabel')} rules={[{ required: true }]}>
          <Select
            disabled={Boolean(unit)}
            options={UNIT_DIMENSIONS.map((d) => ({ value: d, label: t(`unit.dimension.${d}`) }))}
          />
        </Form.Item>
        <Form.Item
          name="baseFactor"
          label={t('unit.baseFactor')}
          tooltip={t('unit.baseFactorHelp')}
          rules={[
            { required: true },
            { pattern: POSITIVE_DECIMAL, message: t('common.decimalInvalid') },
            {
              validator: async (_r, v: string) => {
                if (v && Number(v) <= 0) throw new Error(t('unit.factorPositive'));
              },
            },
          ]}
        >
          <Input inputMode="decimal" />
        </Form.Item>
        <Form.Item name="isBase" label={t('unit.isBase')} valuePropName="checked">
          <Switch />
        </Form.Item>
      </Form>
    </Modal>
  );
}
