import { useState } from 'react';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { LockOutlined, ShopOutlined, UserOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { TLogin } from '@greenmes/contracts';
import { LanguageSwitch } from '../../../shared/components/LanguageSwitch.tsx';
import { authApi } from '../api/auth-api.ts';
import { ME_QUERY_KEY } from '../hooks/use-me.ts';
import { loginErrorMessage } from './login-error-message.ts';
import styles from './login-page.module.css';

/** Only same-site paths: an attacker's `?next=https://evil` must not become a redirect. */
function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/login') ? next : '/';
}

export function LoginPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [searchParams] = useSearchParams();
  const queryClient = useQueryClient();
  const [error, setError] = useState<string | null>(null);

  const login = useMutation({
    mutationFn: (values: TLogin) => authApi.login(values),
    onSuccess: (result) => {
      queryClient.clear(); // nothing cached from a previous user may survive a new login
      queryClient.setQueryData(ME_QUERY_KEY, result.me);
      void navigate(safeNext(searchParams.get('next')), { replace: true });
    },
    onError: (e) => setError(loginErrorMessage(e, t)),
  });

  return (
    <div className={styles.page}>
      <div className={styles.language}>
        <LanguageSwitch />
      </div>
      <Card className={styles.card}>
        <Typography.Title level={3} className={styles.title}>
          GreenMES
        </Typography.Title>
        <Typography.Paragraph type="secondary" className={styles.subtitle}>
          {t('login.subtitle')}
        </Typography.Paragraph>
        {error && (
          <Alert
            data-testid="login-error"
            type="error"
            showIcon
            title={error}
            className={styles.alert}
            closable={{ onClose: () => setError(null) }}
          />
        )}
        <Form<TLogin>
          layout="vertical"
          initialValues={{ tenant: 'demo', username: '', password: '' }}
          onFinish={(values) => {
            setError(null);
            login.mutate({
              ...values,
              tenant: values.tenant.trim().toLowerCase(),
              username: values.username.trim(),
            });
          }}
          requiredMark={false}
        >
          <Form.Item
            name="tenant"
            label={t('login.tenant')}
            rules={[{ required: true, message: t('login.tenantRequired') }]}
          >
            <Input prefix={<ShopOutlined />} data-testid="login-tenant" autoComplete="organization" />
          </Form.Item>
          <Form.Item
            name="username"
            label={t('login.username')}
            rules={[{ required: true, message: t('login.usernameRequired') }]}
          >
            <Input prefix={<UserOutlined />} data-testid="login-username" autoComplete="username" autoFocus />
          </Form.Item>
          <Form.Item
            name="password"
            label={t('login.password')}
            rules={[{ required: true, message: t('login.passwordRequired') }]}
          >
            <Input.Password
              prefix={<LockOutlined />}
              data-testid="login-password"
              autoComplete="current-password"
            />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={login.isPending} data-testid="login-submit">
            {t('login.submit')}
          </Button>
        </Form>
      </Card>
    </div>
  );
}
