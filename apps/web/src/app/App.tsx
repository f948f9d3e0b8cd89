import { useEffect, useState } from 'react';
import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import enUS from 'antd/locale/en_US';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { QueryClientProvider } from '@tanstack/react-query';
import { createBrowserRouter, RouterProvider } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { queryClient } from './query-client.ts';
import { AppRoutes } from './AppRoutes.tsx';
import { RouteError } from './RouteError.tsx';
import { UnauthorizedRedirect } from './UnauthorizedRedirect.tsx';

function useAntdLocale() {
  const { i18n } = useTranslation();
  const [language, setLanguage] = useState(i18n.language);
  useEffect(() => {
    const onChange = (next: string) => setLanguage(next);
    i18n.on('languageChanged', onChange);
    return () => i18n.off('languageChanged', onChange);
  }, [i18n]);
  const isZh = language === 'zh-CN';
  dayjs.locale(isZh ? 'zh-cn' : 'en');
  return isZh ? zhCN : enUS;
}

const theme = { token: { colorPrimary: '#389e0d', borderRadius: 6 } };

// A data router so pages can block in-app navigation (useBlocker: unsaved changes); the one splat route keeps
// every page on the descendant <Routes> of AppRoutes, as under <BrowserRouter> before.
const router = createBrowserRouter([
  {
    path: '*',
    errorElement: <RouteError />,
    element: (
      <>
        <UnauthorizedRedirect />
        <AppRoutes />
      </>
    ),
  },
]);

export function App() {
  const locale = useAntdLocale();
  return (
    <QueryClientProvider client={queryClient}>
      <ConfigProvider locale={locale} theme={theme}>
        <AntApp>
          <RouterProvider router={router} />
        </AntApp>
      </ConfigProvider>
    </QueryClientProvider>
  );
}
