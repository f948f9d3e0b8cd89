import { useEffect } from 'react';
import { App, Button, Col, DatePicker, Drawer, Form, Input, Row, Select, Space, Switch } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import dayjs, { type Dayjs } from 'dayjs';
import type { TCreateEquipment, TEquipment } from '@greenmes/contracts';
import { applyFormErrors } from '../../../shared/lib/form-errors.ts';
import { useNotifyError } from '../../../shared/hooks/use-notify-error.ts';
import { equipmentApi } from '../api/equipment-api.ts';
import { useInvalidateModeling } from '../hooks/use-modeling-queries.ts';
import { PlantNodeTreeSelect } from './PlantNodeTreeSelect.tsx';
import { categoryOptions, energyMediumOptions, statusOptions } from './equipment-options.ts';

type FormValues = Omit<TCreateEquipment, 'commissioningDate' | 'phaseOutDate'> & {
  commissioningDate?: Dayjs | null;
  phaseOutDate?: Dayjs | null;
};

const DECIMAL = /^\d{1,12}(\.\d{1,6})?$/;
const blankToNull = (v: string | null | undefined) => (v && v.trim() ? v.trim() : null);
const toDate = (v: string | null) => (v ? dayjs(v) : null);

/** Explicit fields: the form store also holds id/createdAt from the edited row, which the server rejects. */
function toPayload(values: FormValues): TCreateEquipment {
  return {
    nodeId: values.nodeId,
    code: values.code.trim(),
    name: values.name.trim(),
    category: values.category,
    status: values.status,
    model: blankToNull(values.model),
    manufacturer: blankToNull(values.manufacturer),
    serialNumber: blankToNull(values.serialNumber),
    ratedPowerKw: blankToNull(values.ratedPowerKw),
    energyMedia: values.energyMedia ?? [],
    commissioningDate: values.commissioningDate ? values.commissioningDate.format('YYYY-MM-DD') : null,
    isKeyEnergyConsumer: Boolean(values.isKeyEnergyConsumer),
    isEliminatedModel: Boolean(values.isEliminatedModel),
    phaseOutDate:
      values.isEliminatedModel && values.phaseOutDate ? values.phaseOutDate.format('YYYY-MM-DD') : null,
    description: blankToNull(values.description),
  };
}

export interface EquipmentFormDrawerProps {
  open: boolean;
  /** Edit this equipment; absent = create. */
  equipment?: TEquipment;
  defaultNodeId?: string;
  onClose: () => void;
  onSaved?: (equipment: TEquipment) => void;
}

export function EquipmentFormDrawer({
  open,
  equipment,
  defaultNodeId,
  onClose,
  onSaved,
}: EquipmentFormDrawerProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const invalidate = useInvalidateModeling();
  const [form] = Form.useForm<FormValues>();
  const isEliminated = Form.useWatch('isEliminatedModel', form);

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (equipment) {
      form.setFieldsValue({
        ...equipment,
        commissioningDate: toDate(equipment.commissioningDate),
        phaseOutDate: toDate(equipment.phaseOutDate),
      });
    } else {
      form.setFieldsValue({
        nodeId: defaultNodeId,
        category: 'other',
        status: 'in_service',
        energyMedia: ['electricity'],
      });
    }
  }, [open, equipment, defaultNodeId, form]);

  const save = useMutation({
    mutationFn: (payload: TCreateEquipment) =>
      equipment ? equipmentApi.update(equipment.id, payload) : equipmentApi.create(payload),
    onSuccess: (saved) => {
      void message.success(t('common.saved'));
      void invalidate();
      onSaved?.(saved);
      onClose();
    },
    onError: (error) => {
      if (!applyFormErrors(form, error)) notifyError(error);
    },
  });

  return (
    <Drawer
      open={open}
      onClose={onClose}
      size={720}
      title={equipment ? t('equipment.edit', { name: equipment.name }) : t('equipment.create')}
      destroyOnHidden
      extra={
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button
            type="primary"
            loading={save.isPending}
            onClick={() => form.submit()}
            data-testid="equipment-save"
          >
            {t('common.save')}
          </Button>
        </Space>
      }
    >
      <Form<FormValues>
        form={form}
        layout="vertical"
        onFinish={(values) => save.mutate(toPayload(values))}
        data-testid="equipment-form"
      >
        <Form.Item name="nodeId" label={t('equipment.node')} rules={[{ required: true }]}>
          <PlantNodeTreeSelect data-testid="equipment-node" />
        </Form.Item>
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item name="code" label={t('common.code')} rules={[{ required: true }, { max: 64 }]}>
              <Input data-testid="equipment-code" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="name" label={t('common.name')} rules={[{ required: true }, { max: 200 }]}>
              <Input data-testid="equipment-name" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="category" label={t('equipment.categoryLabel')} rules={[{ required: true }]}>
              <Select
                options={categoryOptions(t)}
                showSearch={{ optionFilterProp: 'label' }}
                data-testid="equipment-category"
              />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="status" label={t('equipment.statusLabel')}>
              <Select options={statusOptions(t)} data-testid="equipment-status" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="model" label={t('equipment.model')}>
              <Input />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="manufacturer" label={t('equipment.manufacturer')}>
              <Input />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="serialNumber" label={t('equipment.serialNumber')}>
              <Input />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item
              name="ratedPowerKw"
              label={t('equipment.ratedPowerKw')}
              rules={[{ pattern: DECIMAL, message: t('common.decimalInvalid') }]}
            >
              <Input suffix="kW" inputMode="decimal" data-testid="equipment-power" />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="energyMedia" label={t('equipment.energyMedia')}>
              <Select
                mode="multiple"
                options={energyMediumOptions(t)}
                optionFilterProp="label"
                data-testid="equipment-media"
              />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="commissioningDate" label={t('equipment.commissioningDate')}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item
              name="isKeyEnergyConsumer"
              label={t('equipment.isKeyEnergyConsumer')}
              valuePropName="checked"
            >
              <Switch />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item
              name="isEliminatedModel"
              label={t('equipment.isEliminatedModel')}
              valuePropName="checked"
            >
              <Switch data-testid="equipment-eliminated" />
            </Form.Item>
          </Col>
          <Col span={12}>
            {isEliminated && (
              <Form.Item name="phaseOutDate" label={t('equipment.phaseOutDate')} rules={[{ required: true }]}>
                <DatePicker style={{ width: '100%' }} data-testid="equipment-phase-out" />
              </Form.Item>
            )}
          </Col>
          <Col span={24}>
            <Form.Item name="description" label={t('common.description')}>
              <Input.TextArea rows={3} maxLength={2000} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Drawer>
  );
}
