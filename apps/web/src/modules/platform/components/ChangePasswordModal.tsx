import { App, Form, Input, Modal } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../../shared/lib/error-message.ts';
import { applyFormErrors } from '../../../shared/lib/form-errors.ts';
import { authApi } from '../api/auth-api.ts';
import { passwordRule } from './password-rule.ts';

interface Values {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

export function ChangePasswordModal(props: {
  open: boolean;
  onClose: () => void;
  username: string | undefined;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const change = useMutation({
    mutationFn: (values: Values) =>
      authApi.changePassword({ currentPassword: values.currentPassword, newPassword: values.newPassword }),
    onSuccess: () => {
      void message.success(t('user.passwordChanged'));
      form.resetFields();
      props.onClose();
    },
    onError: (error) => {
      if (applyFormErrors(form, error)) return;
      // a wrong current password is the common case; put it where the user looks
      const text = errorMessage(error, t);
      form.setFields([{ name: 'currentPassword', errors: [text] }]);
    },
  });
  return (
    <Modal
      open={props.open}
      title={t('user.changePassword')}
      onCancel={props.onClose}
      onOk={() => form.submit()}
      confirmLoading={change.isPending}
      destroyOnHidden
      okButtonProps={{ 'data-testid': 'change-password-ok' }}
    >
      <Form form={form} layout="vertical" onFinish={(values) => change.mutate(values)} preserve={false}>
        <Form.Item name="currentPassword" label={t('user.currentPassword')} rules={[{ required: true }]}>
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Form.Item
          name="newPassword"
          label={t('user.newPassword')}
          rules={[passwordRule(t, () => props.username)]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label={t('user.confirmPassword')}
          dependencies={['newPassword']}
          rules={[
            { required: true },
            ({ getFieldValue }) => ({
              validator: async (_rule, value) => {
                if (value && value !== getFieldValue('newPassword'))
                  throw new Error(t('user.passwordMismatch'));
              },
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
