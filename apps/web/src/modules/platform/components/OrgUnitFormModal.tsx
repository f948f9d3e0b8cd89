import { useEffect } from 'react';
import { App, Form, Input, InputNumber, Modal } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { TCreateOrgUnit, TOrgUnit } from '@greenmes/contracts';
import { applyFormErrors } from '../../../shared/lib/form-errors.ts';
import { useNotifyError } from '../../../shared/hooks/use-notify-error.ts';
import { orgUnitsApi } from '../api/platform-api.ts';
import { useInvalidatePlatform } from '../hooks/use-platform-queries.ts';

/** `unit` set = edit it; otherwise create under `parent` (null = top level). */
export type OrgUnitEditTarget = { unit: TOrgUnit } | { parent: TOrgUnit | null };

export function OrgUnitFormModal(props: { target: OrgUnitEditTarget | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const invalidate = useInvalidatePlatform();
  const [form] = Form.useForm<TCreateOrgUnit>();
  const { target } = props;
  const unit = target && 'unit' in target ? target.unit : null;
  const parent = target && 'parent' in target ? target.parent : null;

  useEffect(() => {
    if (!target) return;
    form.resetFields();
    if (unit) form.setFieldsValue(unit);
  }, [target, unit, form]);

  const save = useMutation({
    mutationFn: (v: TCreateOrgUnit) =>
      unit
        ? orgUnitsApi.update(unit.id, { name: v.name.trim(), sortOrder: v.sortOrder })
        : orgUnitsApi.create({
            parentId: parent?.id ?? null,
            code: v.code.trim(),
            name: v.name.trim(),
            sortOrder: v.sortOrder,
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

  const title = unit
    ? t('departments.edit', { name: unit.name })
    : parent
      ? t('departments.createUnder', { parent: parent.name })
      : t('departments.create');
  return (
    <Modal
      open={target !== null}
      title={title}
      onCancel={props.onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      destroyOnHidden
    >
      <Form<TCreateOrgUnit> form={form} layout="vertical" onFinish={(v) => save.mutate(v)}>
        <Form.Item name="code" label={t('common.code')} rules={[{ required: true }, { max: 64 }]}>
          <Input disabled={Boolean(unit)} data-testid="department-code" />
        </Form.Item>
        <Form.Item name="name" label={t('common.name')} rules={[{ required: true }, { max: 200 }]}>
          <Input data-testid="department-name" />
        </Form.Item>
        <Form.Item name="sortOrder" label={t('departments.sortOrder')}>
          <InputNumber precision={0} style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
