import { Space, Tag } from 'antd';
import { useTranslation } from 'react-i18next';

interface Flag {
  id: string;
  isStopping: boolean;
  description: string;
}

/**
 * An operation's unresolved Andon exceptions: a stop (it paused the operation; reports wait for its
 * resolution) in red, a flag in orange; and, when paused, why.
 */
export function AndonFlags(props: {
  exceptions: readonly Flag[];
  pauseReason?: string | null;
  testId?: string;
}) {
  const { t } = useTranslation();
  if (props.exceptions.length === 0 && !props.pauseReason) return null;
  // an Andon stop's pause names the exception already shown as a stop
  const showPause = props.pauseReason && !props.exceptions.some((x) => x.isStopping);
  return (
    <Space size={4} wrap data-testid={props.testId}>
      {props.exceptions.map((x) => (
        <Tag key={x.id} color={x.isStopping ? 'red' : 'orange'} title={x.description}>
          {t(x.isStopping ? 'liveProduction.stopped' : 'liveProduction.flagged', { text: x.description })}
        </Tag>
      ))}
      {showPause && <Tag color="gold">{t('liveProduction.paused', { text: props.pauseReason })}</Tag>}
    </Space>
  );
}
