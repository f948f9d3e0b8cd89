import { useState } from 'react';
import { Avatar, Button, Dropdown, Space } from 'antd';
import { KeyOutlined, LockOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { authApi } from '../api/auth-api.ts';
import { useCan, useMe } from '../hooks/use-me.ts';
import { ChangePasswordModal } from './ChangePasswordModal.tsx';

export function UserMenu() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { data: me } = useMe();
  const canManageTokens = useCan('platform.token.manage');
  const [isPasswordOpen, setPasswordOpen] = useState(false);

  const logout = async () => {
    try {
      await authApi.logout();
    } finally {
      // the cookie may already be gone; either way this browser is signed out
      queryClient.clear();
      void navigate('/login', { replace: true });
    }
  };

  const items = [
    {
      key: 'password',
      icon: <LockOutlined />,
      label: <span data-testid="menu-change-password">{t('user.changePassword')}</span>,
    },
    ...(canManageTokens
      ? [
          {
            key: 'tokens',
            icon: <KeyOutlined />,
            label: <span data-testid="menu-my-tokens">{t('menu.apiTokens')}</span>,
          },
        ]
      : []),
    { type: 'divider' as const },
    {
      key: 'logout',
      icon: <LogoutOutlined />,
      label: <span data-testid="menu-logout">{t('user.logout')}</span>,
    },
  ];

  return (
    <>
      <Dropdown
        menu={{
          items,
          onClick: ({ key }) => {
            if (key === 'password') setPasswordOpen(true);
            if (key === 'tokens') void navigate('/platform/api-tokens');
            if (key === 'logout') void logout();
          },
        }}
        trigger={['click']}
      >
        <Button type="text" data-testid="user-menu">
          <Space>
            <Avatar size="small" icon={<UserOutlined />} />
            {me?.user.displayName || me?.user.username}
          </Space>
        </Button>
      </Dropdown>
      <ChangePasswordModal
        open={isPasswordOpen}
        onClose={() => setPasswordOpen(false)}
        username={me?.user.username}
      />
    </>
  );
}
