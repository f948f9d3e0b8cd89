import { Button, Layout, Result, Space, Typography } from 'antd';
import { LogoutOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Navigate, Outlet, useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../../api/api-error.ts';
import { FullPageSpin } from '../../../shared/components/FullPageSpin.tsx';
import { LanguageSwitch } from '../../../shared/components/LanguageSwitch.tsx';
import { adminApi } from '../api/admin-api.ts';
import { adminKeys, useOperatorMe } from '../hooks/use-admin-queries.ts';
import { errorMessage } from '../../../shared/lib/error-message.ts';

export function AdminLayout() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const me = useOperatorMe();
  if (me.isPending) return <FullPageSpin />;
  if (me.isError) {
    if (isApiError(me.error) && me.error.status === 401) return <Navigate to="/admin/login" replace />;
    return <Result status="error" title={t('common.loadFailed')} subTitle={errorMessage(me.error, t)} />;
  }
  const logout = async () => {
    try {
      await adminApi.logout();
    } finally {
      queryClient.removeQueries({ queryKey: adminKeys.all });
      void navigate('/admin/login', { replace: true });
    }
  };
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header
        style={{
          background: '#fff',
          display: 'flex',
          alignItems: 'center',
          justifyContent: 'space-between',
          padding: '0 24px',
          borderBottom: '1px solid #f0f0f0',
        }}
      >
        <Typography.Text strong style={{ fontSize: 18, color: '#389e0d' }}>
          GreenMES · {t('admin.console')}
        </Typography.Text>
        <Space size={16}>
          <LanguageSwitch />
          <Typography.Text>{me.data.operator.username}</Typography.Text>
          <Button icon={<LogoutOutlined />} onClick={() => void logout()} data-testid="admin-logout">
            {t('user.logout')}
          </Button>
        </Space>
      </Layout.Header>
      <Layout.Content style={{ margin: 16 }}>
        <Outlet />
      </Layout.Content>
    </Layout>
  );
}
