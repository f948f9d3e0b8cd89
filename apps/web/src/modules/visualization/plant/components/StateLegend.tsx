import { Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { LiveStatusTag } from '../../../telemetry/index.ts';
import { KNOWN_STATES, NO_STATE_COLOR, OTHER_STATE_COLOR, STATE_COLORS } from '../state-colors.ts';

const Dot = ({ color }: { color: string }) => (
  <span
    style={{
      display: 'inline-block',
      width: 10,
      height: 10,
      borderRadius: 5,
      background: color,
      marginRight: 4,
    }}
  />
);

/** The colours of the running states, as both plant views draw them, and whether they are live. */
export function StateLegend(props: { isLive: boolean; canRead: boolean }) {
  const { t } = useTranslation();
  return (
    <Space wrap size={12} data-testid="plant-state-legend">
      {KNOWN_STATES.map((s) => (
        <span key={s}>
          <Dot color={STATE_COLORS[s]} />
          {t(`equipmentLive.state.${s}`)}
        </span>
      ))}
      <span>
        <Dot color={OTHER_STATE_COLOR} />
        {t('plantLayout.legend.other')}
      </span>
      <span>
        <Dot color={NO_STATE_COLOR} />
        {t('plantLayout.legend.noState')}
      </span>
      {props.canRead ? (
        <LiveStatusTag isLive={props.isLive} />
      ) : (
        <Typography.Text type="secondary">{t('plantLayout.legend.noPermission')}</Typography.Text>
      )}
    </Space>
  );
}
