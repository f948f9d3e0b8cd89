import { Suspense, useMemo, useState } from 'react';
import { Layout, Menu, Typography } from 'antd';
import { Outlet, useLocation, useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { FullPageSpin } from '../shared/components/FullPageSpin.tsx';
import { LanguageSwitch } from '../shared/components/LanguageSwitch.tsx';
import { useMe, usePermissions } from '../modules/platform/hooks/use-me.ts';
import { AlarmBell } from '../modules/telemetry/components/AlarmBell.tsx';
import { UserMenu } from '../modules/platform/components/UserMenu.tsx';
import { visibleMenu } from './menu.tsx';
import styles from './app-layout.module.css';

export function AppLayout() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const { data: me } = useMe();
  const permissions = usePermissions();
  const [collapsed, setCollapsed] = useState(false);
  const groups = useMemo(() => visibleMenu(permissions), [permissions]);

  const items = groups.map((group) => ({
    key: group.key,
    icon: group.icon,
    label: t(group.labelKey),
    children: group.items.map((item) => ({
      key: item.path,
      icon: item.icon,
      label: <span data-testid={item.testId}>{t(item.labelKey)}</span>,
    })),
  }));
  const selected = groups.flatMap((g) => g.items).find((item) => location.pathname.startsWith(item.path));

  return (
    <Layout className={styles.root}>
      <Layout.Sider
        collapsible
        collapsed={collapsed}
        onCollapse={setCollapsed}
        width={220}
        theme="light"
        className={styles.sider}
      >
        <div className={styles.brand} onClick={() => void navigate('/')}>
          {collapsed ? 'G' : 'GreenMES'}
        </div>
        <Menu
          mode="inline"
          data-testid="side-menu"
          items={items}
          selectedKeys={selected ? [selected.path] : []}
          defaultOpenKeys={groups.map((g) => g.key)}
          onClick={({ key }) => void navigate(key)}
        />
      </Layout.Sider>
      <Layout>
        <Layout.Header className={styles.header}>
          <Typography.Text strong data-testid="tenant-name" className={styles.tenant}>
            {me?.tenant.name}
          </Typography.Text>
          <div className={styles.actions}>
            {permissions.has('telemetry.alarm.read') && <AlarmBell />}
            <LanguageSwitch />
            <UserMenu />
          </div>
        </Layout.Header>
        <Layout.Content className={styles.content}>
          <Suspense fallback={<FullPageSpin />}>
            <Outlet />
          </Suspense>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
