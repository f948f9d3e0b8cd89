import { App, Form, Input, Modal } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { TUser } from '@greenmes/contracts';
import { applyFormErrors } from '../../../shared/lib/form-errors.ts';
import { useNotifyError } from '../../../shared/hooks/use-notify-error.ts';
import { usersApi } from '../api/platform-api.ts';
import { passwordRule } from './password-rule.ts';

export function ResetPasswordModal(props: { user: TUser | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const [form] = Form.useForm<{ newPassword: string }>();
  const reset = useMutation({
    mutationFn: (newPassword: string) => usersApi.resetPassword(props.user?.id ?? '', newPassword),
    onSuccess: () => {
      void message.success(t('users.passwordReset'));
      props.onClose();
    },
    onError: (error) => {
      if (!applyFormErrors(form, error)) notifyError(error);
    },
  });
  return (
    <Modal
      open={props.user !== null}
      title={t('users.resetPasswordFor', { name: props.user?.username ?? '' })}
      onCancel={props.onClose}
      onOk={() => form.submit()}
      confirmLoading={reset.isPending}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" preserve={false} onFinish={(v) => reset.mutate(v.newPassword)}>
        <Form.Item
          name="newPassword"
          label={t('user.newPassword')}
          rules={[passwordRule(t, () => props.user?.username)]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
