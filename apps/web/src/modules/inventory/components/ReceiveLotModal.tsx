import { App, DatePicker, Form, Input, InputNumber, Modal, type ButtonProps } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Dayjs } from 'dayjs';
import type { TLot } from '@greenmes/contracts';
import { RemoteSelect } from '../../../shared/components/RemoteSelect.tsx';
import { useNotifyError } from '../../../shared/hooks/use-notify-error.ts';
import { applyFormErrors } from '../../../shared/lib/form-errors.ts';
import { searchMaterials } from '../../production/hooks/use-production-queries.ts';
import { lotsApi } from '../api/lots-api.ts';

interface Values {
  lotNumber: string;
  materialId: string;
  quantity: string;
  supplier?: string;
  supplierLot?: string;
  receivedAt?: Dayjs;
  serials?: string;
  note?: string;
}

/** 收货: a new lot of a material from a supplier (with serial numbers for serialised items). */
export function ReceiveLotModal(props: {
  open: boolean;
  onClose: () => void;
  onReceived: (lot: TLot) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const [form] = Form.useForm<Values>();
  const save = useMutation({
    mutationFn: (v: Values) => {
      const serials = (v.serials ?? '')
        .split(/[;；,，\n]+/)
        .map((s) => s.trim())
        .filter(Boolean);
      return lotsApi.receive({
        lotNumber: v.lotNumber,
        materialId: v.materialId,
        quantity: String(v.quantity),
        supplier: v.supplier || null,
        supplierLot: v.supplierLot || null,
        receivedAt: v.receivedAt?.toISOString(),
        serials: serials.length ? serials : undefined,
        note: v.note || null,
      });
    },
    onSuccess: (lot) => {
      void message.success(t('common.saved'));
      form.resetFields();
      props.onReceived(lot);
    },
    onError: (e) => {
      if (!applyFormErrors(form, e)) notifyError(e);
    },
  });
  return (
    <Modal
      open={props.open}
      title={t('lots.receiveTitle')}
      confirmLoading={save.isPending}
      onCancel={props.onClose}
      onOk={() => void form.validateFields().then((v) => save.mutate(v))}
      okButtonProps={{ 'data-testid': 'lot-receive-ok' } as ButtonProps}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item name="lotNumber" label={t('lots.lotNumber')} rules={[{ required: true }]}>
          <Input data-testid="lot-receive-number" />
        </Form.Item>
        <Form.Item name="materialId" label={t('lots.material')} rules={[{ required: true }]}>
          <RemoteSelect
            queryKey={['production', 'material-options']}
            search={searchMaterials}
            data-testid="lot-receive-material"
          />
        </Form.Item>
        <Form.Item name="quantity" label={t('lots.quantity')} rules={[{ required: true }]}>
          <InputNumber<string> stringMode min="0" style={{ width: 200 }} data-testid="lot-receive-quantity" />
        </Form.Item>
        <Form.Item name="supplier" label={t('lots.supplier')}>
          <Input />
        </Form.Item>
        <Form.Item name="supplierLot" label={t('lots.supplierLot')}>
          <Input />
        </Form.Item>
        <Form.Item name="receivedAt" label={t('lots.receivedAt')}>
          <DatePicker showTime style={{ width: 240 }} />
        </Form.Item>
        <Form.Item name="serials" label={t('lots.serials')} extra={t('lots.serialsHint')}>
          <Input.TextArea rows={2} />
        </Form.Item>
        <Form.Item name="note" label={t('lots.note')}>
          <Input.TextArea rows={2} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
