import { useEffect } from 'react';
import { App, Form, Input, Modal, Select, Switch } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { MATERIAL_TYPES, type TCreateMaterial, type TMaterial } from '@greenmes/contracts';
import { applyFormErrors } from '../../../shared/lib/form-errors.ts';
import { useNotifyError } from '../../../shared/hooks/use-notify-error.ts';
import { materialsApi } from '../api/materials-api.ts';
import { useInvalidateModeling, useUnits } from '../hooks/use-modeling-queries.ts';

const blankToNull = (v: string | null | undefined) => (v && v.trim() ? v.trim() : null);

export function MaterialFormModal(props: { open: boolean; material?: TMaterial; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const invalidate = useInvalidateModeling();
  const units = useUnits();
  const [form] = Form.useForm<TCreateMaterial>();
  const { open, material } = props;

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue(material ?? { type: 'raw', isActive: true, isSerialTracked: false });
  }, [open, material, form]);

  const save = useMutation({
    mutationFn: (body: TCreateMaterial) =>
      material ? materialsApi.update(material.id, body) : materialsApi.create(body),
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
      title={material ? t('material.edit', { name: material.name }) : t('material.create')}
      onCancel={props.onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      okButtonProps={{ 'data-testid': 'material-save' }}
      destroyOnHidden
      width={640}
    >
      <Form<TCreateMaterial>
        form={form}
        layout="vertical"
        onFinish={(v) =>
          save.mutate({
            code: v.code.trim(),
            name: v.name.trim(),
            type: v.type,
            unitId: v.unitId,
            specification: blankToNull(v.specification),
            category: blankToNull(v.category),
            description: blankToNull(v.description),
            isActive: Boolean(v.isActive),
            isSerialTracked: Boolean(v.isSerialTracked),
          })
        }
      >
        <Form.Item name="code" label={t('common.code')} rules={[{ required: true }, { max: 64 }]}>
          <Input data-testid="material-code" />
        </Form.Item>
        <Form.Item name="name" label={t('common.name')} rules={[{ required: true }, { max: 200 }]}>
          <Input data-testid="material-name" />
        </Form.Item>
        <Form.Item name="type" label={t('material.typeLabel')} rules={[{ required: true }]}>
          <Select options={MATERIAL_TYPES.map((value) => ({ value, label: t(`material.type.${value}`) }))} />
        </Form.Item>
        <Form.Item name="unitId" label={t('material.unit')} rules={[{ required: true }]}>
          <Select
            data-testid="material-unit"
            loading={units.isLoading}
            showSearch={{ optionFilterProp: 'label' }}
            options={(units.data ?? []).map((u) => ({ value: u.id, label: `${u.code} — ${u.name}` }))}
          />
        </Form.Item>
        <Form.Item name="specification" label={t('material.specification')}>
          <Input maxLength={500} />
        </Form.Item>
        <Form.Item name="category" label={t('material.category')}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="description" label={t('common.description')}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
        <Form.Item name="isActive" label={t('common.active')} valuePropName="checked">
          <Switch />
        </Form.Item>
        <Form.Item
          name="isSerialTracked"
          label={t('material.isSerialTracked')}
          extra={t('material.isSerialTrackedHelp')}
          valuePropName="checked"
        >
          <Switch data-testid="material-serial-tracked" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
