import { Drawer, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { errorMessage } from '../../../shared/lib/error-message.ts';
import { useCan } from '../../platform/hooks/use-me.ts';
import { useLatestWithLive } from '../hooks/use-live-values.ts';
import { LatestValuesTable } from './LatestValuesTable.tsx';
import { LiveStatusTag } from './LiveStatusTag.tsx';

/** Latest values of every device bound to a piece of equipment, kept live while open. */
export function EquipmentLiveDrawer(props: {
  equipment: { id: string; code: string; name: string } | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Drawer
      open={props.equipment !== null}
      onClose={props.onClose}
      size={640}
      destroyOnHidden
      title={props.equipment && t('equipmentLive.drawerTitle', { name: props.equipment.name })}
    >
      {props.equipment && <EquipmentLatest equipmentId={props.equipment.id} />}
    </Drawer>
  );
}

function EquipmentLatest({ equipmentId }: { equipmentId: string }) {
  const { t } = useTranslation();
  const latest = useLatestWithLive({ kind: 'equipment', id: equipmentId });
  const canOpenDevice = useCan('telemetry.device.read');
  const devices = [...new Map(latest.rows.map((r) => [r.deviceId, r.deviceCode])).entries()];
  if (latest.error) return <Typography.Text type="danger">{errorMessage(latest.error, t)}</Typography.Text>;
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }} data-testid="equipment-live">
      <Space wrap>
        <LiveStatusTag isLive={latest.isLive} />
        {devices.length > 0 && (
          <Typography.Text type="secondary">{t('equipmentLive.devices')}</Typography.Text>
        )}
        {devices.map(([id, code]) =>
          canOpenDevice ? (
            <Link key={id} to={`/telemetry/devices/${id}`}>
              <Tag>{code}</Tag>
            </Link>
          ) : (
            <Tag key={id}>{code}</Tag>
          ),
        )}
      </Space>
      <LatestValuesTable
        rows={latest.rows}
        loading={latest.isLoading}
        emptyText={t('equipmentLive.noDevices')}
      />
    </Space>
  );
}
