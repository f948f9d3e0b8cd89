import { useState } from 'react';
import {
  App,
  Button,
  Descriptions,
  Drawer,
  Form,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Select,
  Space,
  Spin,
  Tag,
} from 'antd';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { LOT_STATUSES, type LotStatus } from '@greenmes/contracts';
import { useNotifyError } from '../../../shared/hooks/use-notify-error.ts';
import { applyFormErrors } from '../../../shared/lib/form-errors.ts';
import { formatDateTime } from '../../../shared/lib/format.ts';
import { lotKeys, lotsApi } from '../api/lots-api.ts';
import { useCan } from '../../platform/hooks/use-me.ts';
import { LotCarbonCard } from './LotCarbonCard.tsx';
import { LotMovesTable } from './LotMovesTable.tsx';

export const LOT_STATUS_COLOR: Record<LotStatus, string> = {
  available: 'green',
  on_hold: 'orange',
  blocked: 'red',
};

/** A lot: its fields, serial numbers and stock moves; status, stock count and delete for who manages lots. */
export function LotDrawer(props: {
  lotId: string | null;
  canManage: boolean;
  onClose: () => void;
  onChanged: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const [adjusting, setAdjusting] = useState(false);
  const [form] = Form.useForm<{ quantity: string; reason: string }>();
  const canReadCarbon = useCan('energy.report.read');
  const detail = useQuery({
    queryKey: [...lotKeys.all, 'detail', props.lotId],
    queryFn: ({ signal }) => lotsApi.get(props.lotId!, signal),
    enabled: props.lotId !== null,
  });
  const changed = () => {
    void message.success(t('common.saved'));
    void detail.refetch();
    props.onChanged();
  };
  const setStatus = useMutation({
    mutationFn: (status: LotStatus) => lotsApi.update(props.lotId!, { status }),
    onSuccess: changed,
    onError: (e) => notifyError(e),
  });
  const adjust = useMutation({
    mutationFn: (v: { quantity: string; reason: string }) =>
      lotsApi.adjust(props.lotId!, { quantity: String(v.quantity), reason: v.reason }),
    onSuccess: () => {
      setAdjusting(false);
      changed();
    },
    onError: (e) => {
      if (!applyFormErrors(form, e)) notifyError(e);
    },
  });
  const remove = useMutation({
    mutationFn: () => lotsApi.delete(props.lotId!),
    onSuccess: () => {
      void message.success(t('common.deleted'));
      props.onChanged();
      props.onClose();
    },
    onError: (e) => notifyError(e),
  });
  const lot = detail.data;
  return (
    <Drawer
      open={props.lotId !== null}
      onClose={props.onClose}
      size="large"
      title={lot ? `${t('lots.detail')} ${lot.lotNumber}` : t('lots.detail')}
      extra={
        lot && (
          <Space>
            <Link
              to={`/production/genealogy?lotId=${lot.id}&direction=${lot.origin === 'produced' ? 'backward' : 'forward'}`}
            >
              {t('lots.trace')}
            </Link>
            {props.canManage && (
              <>
                <Select<LotStatus>
                  value={lot.status}
                  style={{ width: 120 }}
                  aria-label={t('lots.changeStatus')}
                  options={LOT_STATUSES.map((s) => ({ value: s, label: t(`lots.status.${s}`) }))}
                  onChange={(s) => setStatus.mutate(s)}
                />
                <Button
                  onClick={() => {
                    form.setFieldsValue({ quantity: lot.quantity, reason: '' });
                    setAdjusting(true);
                  }}
                >
                  {t('lots.adjust')}
                </Button>
                <Popconfirm
                  title={t('lots.deleteConfirm', { name: lot.lotNumber })}
                  onConfirm={() => remove.mutate()}
                >
                  <Button danger>{t('common.delete')}</Button>
                </Popconfirm>
              </>
            )}
          </Space>
        )
      }
      data-testid="lot-drawer"
    >
      {!lot ? (
        <Spin />
      ) : (
        <Space orientation="vertical" size={16} style={{ width: '100%' }}>
          <Descriptions size="small" bordered column={2}>
            <Descriptions.Item label={t('lots.lotNumber')}>{lot.lotNumber}</Descriptions.Item>
            <Descriptions.Item label={t('lots.material')}>
              {lot.materialCode} {lot.materialName}
            </Descriptions.Item>
            <Descriptions.Item label={t('lots.onHand')}>
              <span data-testid="lot-on-hand">
                {lot.quantity} {lot.unitCode}
              </span>
            </Descriptions.Item>
            <Descriptions.Item label={t('lots.statusLabel')}>
              <Tag color={LOT_STATUS_COLOR[lot.status]}>{t(`lots.status.${lot.status}`)}</Tag>
            </Descriptions.Item>
            <Descriptions.Item label={t('lots.originLabel')}>
              {t(`lots.origin.${lot.origin}`)}
            </Descriptions.Item>
            <Descriptions.Item label={t('lots.originAt')}>{formatDateTime(lot.originAt)}</Descriptions.Item>
            {lot.origin === 'received' ? (
              <>
                <Descriptions.Item label={t('lots.supplier')}>{lot.supplier ?? '—'}</Descriptions.Item>
                <Descriptions.Item label={t('lots.supplierLot')}>{lot.supplierLot ?? '—'}</Descriptions.Item>
              </>
            ) : (
              <Descriptions.Item label={t('lots.workOrder')} span={2}>
                <Link to={`/production/work-orders/${lot.workOrderId}`}>{lot.workOrderNumber}</Link>
              </Descriptions.Item>
            )}
            {lot.serials.length > 0 && (
              <Descriptions.Item label={t('lots.serials')} span={2}>
                {lot.serials.join('、')}
              </Descriptions.Item>
            )}
            {lot.note && (
              <Descriptions.Item label={t('lots.note')} span={2}>
                {lot.note}
              </Descriptions.Item>
            )}
          </Descriptions>
          {canReadCarbon && <LotCarbonCard lotId={lot.id} />}
          <strong>{t('lots.moves')}</strong>
          <LotMovesTable moves={lot.moves} loading={detail.isFetching} />
        </Space>
      )}
      <Modal
        open={adjusting}
        title={t('lots.adjustTitle')}
        confirmLoading={adjust.isPending}
        onCancel={() => setAdjusting(false)}
        onOk={() => void form.validateFields().then((v) => adjust.mutate(v))}
      >
        <Form form={form} layout="vertical">
          <Form.Item name="quantity" label={t('lots.countedQuantity')} rules={[{ required: true }]}>
            <InputNumber<string> stringMode min="0" style={{ width: 200 }} />
          </Form.Item>
          <Form.Item name="reason" label={t('lots.reason')} rules={[{ required: true }]}>
            <Input />
          </Form.Item>
        </Form>
      </Modal>
    </Drawer>
  );
}
