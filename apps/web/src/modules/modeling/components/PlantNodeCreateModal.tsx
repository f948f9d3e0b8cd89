import { App, Form, Input, Modal } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { PlantNodeKind, TCreatePlantNode, TPlantNode } from '@greenmes/contracts';
import { applyFormErrors } from '../../../shared/lib/form-errors.ts';
import { useNotifyError } from '../../../shared/hooks/use-notify-error.ts';
import { plantApi } from '../api/plant-api.ts';
import { useInvalidateModeling } from '../hooks/use-modeling-queries.ts';

export interface PlantNodeCreateTarget {
  parent: TPlantNode | null;
  kind: PlantNodeKind;
}

export function PlantNodeCreateModal(props: {
  target: PlantNodeCreateTarget | null;
  onClose: () => void;
  onCreated: (node: TPlantNode) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const invalidate = useInvalidateModeling();
  const [form] = Form.useForm<Pick<TCreatePlantNode, 'code' | 'name' | 'description'>>();
  const create = useMutation({
    mutationFn: (body: TCreatePlantNode) => plantApi.createNode(body),
    onSuccess: (node) => {
      void message.success(t('common.created'));
      void invalidate();
      props.onCreated(node);
      props.onClose();
    },
    onError: (error) => {
      if (!applyFormErrors(form, error)) notifyError(error);
    },
  });
  const { target } = props;
  const kindLabel = target ? t(`plant.kind.${target.kind}`) : '';
  return (
    <Modal
      open={target !== null}
      title={
        target?.parent
          ? t('plant.createChildTitle', { kind: kindLabel, parent: target.parent.name })
          : t('plant.createTitle', { kind: kindLabel })
      }
      onCancel={props.onClose}
      onOk={() => form.submit()}
      confirmLoading={create.isPending}
      destroyOnHidden
      okButtonProps={{ 'data-testid': 'plant-node-create-ok' }}
    >
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        data-testid="plant-node-create-form"
        onFinish={(values) => {
          if (!target) return;
          create.mutate({
            parentId: target.parent?.id ?? null,
            kind: target.kind,
            code: values.code.trim(),
            name: values.name.trim(),
            description: values.description?.trim() || null,
          });
        }}
      >
        <Form.Item name="code" label={t('common.code')} rules={[{ required: true }, { max: 64 }]}>
          <Input data-testid="plant-node-code" autoFocus />
        </Form.Item>
        <Form.Item name="name" label={t('common.name')} rules={[{ required: true }, { max: 200 }]}>
          <Input data-testid="plant-node-name" />
        </Form.Item>
        <Form.Item name="description" label={t('common.description')}>
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
