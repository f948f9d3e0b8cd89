import { useState, type ReactNode } from 'react';
import { App, Button, Input, Popconfirm } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNotifyError } from '../../../shared/hooks/use-notify-error.ts';

/** "Copy to a new version": asks for the version code, then creates the draft. */
export function CopyVersionButton(props: {
  icon: ReactNode;
  onCopy: (version: string) => Promise<unknown>;
  onCopied: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const [version, setVersion] = useState('');
  return (
    <Popconfirm
      icon={null}
      title={t('production.copy')}
      description={
        <Input
          placeholder={t('production.copyVersion')}
          value={version}
          onChange={(e) => setVersion(e.target.value)}
          data-testid="copy-version"
        />
      }
      okButtonProps={{ disabled: version.trim() === '' }}
      onConfirm={async () => {
        try {
          await props.onCopy(version.trim());
          void message.success(t('common.saved'));
          setVersion('');
          props.onCopied();
        } catch (e) {
          notifyError(e);
        }
      }}
    >
      <Button size="small" type="link" icon={props.icon} aria-label={t('production.copy')} />
    </Popconfirm>
  );
}
