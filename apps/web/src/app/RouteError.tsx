import { Button, Result, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { isRouteErrorResponse, useRouteError } from 'react-router-dom';

/** What a page that threw while rendering shows instead of a blank screen: the error, reload, home. */
export function RouteError() {
  const { t } = useTranslation();
  const error = useRouteError();
  const message = isRouteErrorResponse(error)
    ? `${error.status} ${error.statusText}`
    : error instanceof Error
      ? error.message
      : String(error);
  return (
    <Result
      status="error"
      title={t('common.pageErrorTitle')}
      subTitle={t('common.pageErrorText')}
      extra={[
        <Button key="reload" type="primary" onClick={() => window.location.reload()}>
          {t('common.reload')}
        </Button>,
        <Button key="home" href="/">
          {t('common.backHome')}
        </Button>,
      ]}
    >
      <Typography.Paragraph type="secondary" copyable data-testid="route-error">
        {message}
      </Typography.Paragraph>
    </Result>
  );
}
