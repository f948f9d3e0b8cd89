import { useState } from 'react';
import { Alert, Button, Card, Form, Input, Tabs } from 'antd';
import { IdcardOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { TWorkerIdentity, TWorkerSignIn } from '@greenmes/contracts';
import { errorMessage } from '../../../shared/lib/error-message.ts';
import { jobReportsApi } from '../api/job-reports-api.ts';
import styles from './terminal.module.css';

/**
 * The operator signs in at the terminal: a badge (a scanner types its code and Enter, so the focused
 * input submits on Enter) or employee no. + PIN. Wrong PINs count towards the worker's lockout (423).
 */
export function WorkerSignIn(props: { onSignedIn: (worker: TWorkerIdentity) => void }) {
  const { t } = useTranslation();
  const [badge, setBadge] = useState('');
  const [pinForm] = Form.useForm<{ employeeNo: string; pin: string }>();
  const signIn = useMutation({
    mutationFn: (body: TWorkerSignIn) => jobReportsApi.signIn(body),
    onSuccess: (worker) => props.onSignedIn(worker),
    onError: () => setBadge(''),
  });
  const submitBadge = () => {
    const code = badge.trim();
    if (code) signIn.mutate({ badge: code });
  };
  return (
    <Card title={t('terminal.signIn.title')} className={styles.signIn} data-testid="terminal-sign-in">
      <Tabs
        size="large"
        onChange={() => signIn.reset()}
        items={[
          {
            key: 'badge',
            label: <span data-testid="terminal-badge-tab">{t('terminal.signIn.badgeTab')}</span>,
            children: (
              <div className={styles.big}>
                <Input
                  size="large"
                  autoFocus
                  autoComplete="off"
                  prefix={<IdcardOutlined />}
                  placeholder={t('terminal.signIn.badge')}
                  value={badge}
                  onChange={(e) => setBadge(e.target.value)}
                  onPressEnter={submitBadge}
                  disabled={signIn.isPending}
                  data-testid="terminal-badge"
                />
                <div style={{ color: '#8c8c8c', marginTop: 8 }}>{t('terminal.signIn.badgeHint')}</div>
              </div>
            ),
          },
          {
            key: 'pin',
            label: <span data-testid="terminal-pin-tab">{t('terminal.signIn.pinTab')}</span>,
            children: (
              <Form
                form={pinForm}
                layout="vertical"
                size="large"
                className={styles.big}
                onFinish={(v) => signIn.mutate({ employeeNo: v.employeeNo.trim(), pin: v.pin })}
              >
                <Form.Item
                  name="employeeNo"
                  label={t('terminal.signIn.employeeNo')}
                  rules={[{ required: true }]}
                >
                  <Input autoComplete="off" data-testid="terminal-employee-no" />
                </Form.Item>
                <Form.Item name="pin" label={t('terminal.signIn.pin')} rules={[{ required: true }]}>
                  <Input.Password inputMode="numeric" maxLength={8} data-testid="terminal-pin" />
                </Form.Item>
                <Button
                  type="primary"
                  htmlType="submit"
                  block
                  style={{ height: 56, fontSize: 20 }}
                  loading={signIn.isPending}
                  data-testid="terminal-pin-submit"
                >
                  {t('terminal.signIn.submit')}
                </Button>
              </Form>
            ),
          },
        ]}
      />
      {signIn.isError && (
        <Alert
          style={{ marginTop: 16 }}
          type="error"
          showIcon
          title={errorMessage(signIn.error, t)}
          data-testid="terminal-sign-in-error"
        />
      )}
    </Card>
  );
}
