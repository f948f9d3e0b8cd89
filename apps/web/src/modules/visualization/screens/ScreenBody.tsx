import type { CSSProperties, ReactNode } from 'react';
import { Result, Spin } from 'antd';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../../shared/lib/error-message.ts';
import styles from './big-screen.module.css';

/**
 * The grid of a screen once its aggregate is there, marked `data-screen-ready="true"` (benches and tests
 * wait for it); a spinner before, the error when the aggregate fails.
 */
export function ScreenBody(props: {
  screenKey: string;
  hasData: boolean;
  error: unknown;
  style: CSSProperties;
  children: () => ReactNode;
}) {
  const { t } = useTranslation();
  if (!props.hasData && props.error)
    return (
      <Result status="warning" title={t('screens.loadFailed')} subTitle={errorMessage(props.error, t)} />
    );
  if (!props.hasData) return <Spin size="large" style={{ display: 'block', marginTop: 300 }} />;
  return (
    <div
      className={styles.grid}
      style={props.style}
      data-testid={`screen-body-${props.screenKey}`}
      data-screen-ready="true"
    >
      {props.children()}
    </div>
  );
}
