import { Tag, Tooltip } from 'antd';
import { SyncOutlined, ThunderboltOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';

/** Whether the values on screen are pushed over the live socket or polled because it is down. */
export function LiveStatusTag({ isLive }: { isLive: boolean }) {
  const { t } = useTranslation();
  return isLive ? (
    <Tooltip title={t('latest.liveHelp')}>
      <Tag color="green" icon={<ThunderboltOutlined />} data-testid="live-status" data-live="true">
        {t('latest.live')}
      </Tag>
    </Tooltip>
  ) : (
    <Tooltip title={t('latest.pollingHelp')}>
      <Tag icon={<SyncOutlined />} data-testid="live-status" data-live="false">
        {t('latest.polling')}
      </Tag>
    </Tooltip>
  );
}
