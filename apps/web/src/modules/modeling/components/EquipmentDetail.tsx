import { App, Button, Card, Descriptions, Popconfirm, Skeleton, Space, Tag } from 'antd';
import { DeleteOutlined, EditOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { TEquipment } from '@greenmes/contracts';
import { useNotifyError } from '../../../shared/hooks/use-notify-error.ts';
import { equipmentApi } from '../api/equipment-api.ts';
import { useEquipment, useInvalidateModeling } from '../hooks/use-modeling-queries.ts';
import { EquipmentIcon } from './plant-icons.tsx';
import { errorMessage } from '../../../shared/lib/error-message.ts';

export function EquipmentDetail(props: {
  id: string;
  nodeName: string | undefined;
  canManage: boolean;
  onEdit: (equipment: TEquipment) => void;
  onDeleted: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const invalidate = useInvalidateModeling();
  const { data: eq, isLoading, error } = useEquipment(props.id);
  const remove = useMutation({
    mutationFn: () => equipmentApi.delete(props.id),
    onSuccess: () => {
      void message.success(t('common.deleted'));
      props.onDeleted();
      void invalidate();
    },
    onError: (e) => notifyError(e),
  });
  if (isLoading) return <Skeleton active />;
  if (error || !eq) return <Card>{error ? errorMessage(error, t) : t('common.notFound')}</Card>;
  const yesNo = (v: boolean) => (v ? t('common.yes') : t('common.no'));
  return (
    <Card
      data-testid="equipment-detail"
      title={
        <Space>
          <EquipmentIcon status={eq.status} />
          {eq.name}
          <Tag>{t(`equipment.status.${eq.status}`)}</Tag>
        </Space>
      }
      extra={
        props.canManage && (
          <Space>
            <Button icon={<EditOutlined />} onClick={() => props.onEdit(eq)}>
              {t('common.edit')}
            </Button>
            <Popconfirm
              title={t('common.confirmDelete', { name: eq.name })}
              onConfirm={() => remove.mutate()}
            >
              <Button danger icon={<DeleteOutlined />} loading={remove.isPending}>
                {t('common.delete')}
              </Button>
            </Popconfirm>
          </Space>
        )
      }
    >
      <Descriptions column={2} size="small" bordered>
        <Descriptions.Item label={t('common.code')}>{eq.code}</Descriptions.Item>
        <Descriptions.Item label={t('equipment.node')}>{props.nodeName}</Descriptions.Item>
        <Descriptions.Item label={t('equipment.categoryLabel')}>
          {t(`equipment.category.${eq.category}`)}
        </Descriptions.Item>
        <Descriptions.Item label={t('equipment.ratedPowerKw')}>
          {eq.ratedPowerKw ? `${eq.ratedPowerKw} kW` : '—'}
        </Descriptions.Item>
        <Descriptions.Item label={t('equipment.model')}>{eq.model ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('equipment.manufacturer')}>{eq.manufacturer ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('equipment.serialNumber')}>{eq.serialNumber ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('equipment.commissioningDate')}>
          {eq.commissioningDate ?? '—'}
        </Descriptions.Item>
        <Descriptions.Item label={t('equipment.energyMedia')} span={2}>
          {eq.energyMedia.length
            ? eq.energyMedia.map((m) => <Tag key={m}>{t(`energyMedium.${m}`)}</Tag>)
            : '—'}
        </Descriptions.Item>
        <Descriptions.Item label={t('equipment.isKeyEnergyConsumer')}>
          {yesNo(eq.isKeyEnergyConsumer)}
        </Descriptions.Item>
        <Descriptions.Item label={t('equipment.isEliminatedModel')}>
          {eq.isEliminatedModel
            ? `${t('common.yes')} (${t('equipment.phaseOutDate')}: ${eq.phaseOutDate ?? '—'})`
            : t('common.no')}
        </Descriptions.Item>
        <Descriptions.Item label={t('common.description')} span={2}>
          {eq.description ?? '—'}
        </Descriptions.Item>
      </Descriptions>
    </Card>
  );
}
