import { Alert, Button, Descriptions, Modal, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TCreatedCredential } from '@greenmes/contracts';
import { API_BASE } from '../../../api/client.ts';

/**
 * The secret of a new credential, shown this once: the server keeps only its hash. The modal also
 * says where to send data, so whoever configures the device has everything on one screen.
 */
export function CreatedCredentialModal(props: {
  credential: TCreatedCredential | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const credential = props.credential;
  const ingestUrl = `${window.location.origin}${API_BASE}/ingest`;

  return (
    <Modal
      open={credential !== null}
      title={t('credential.createdTitle')}
      onCancel={props.onClose}
      width={640}
      mask={{ closable: false }}
      footer={
        <Button type="primary" onClick={props.onClose} data-testid="credential-stored">
          {t('credential.stored')}
        </Button>
      }
    >
      {credential && (
        <>
          {credential.token && (
            <>
              <Alert type="warning" showIcon title={t('credential.showOnce')} style={{ marginBottom: 12 }} />
              <Typography.Paragraph
                copyable={{ text: credential.token }}
                code
                data-testid="credential-token"
                style={{ wordBreak: 'break-all' }}
              >
                {credential.token}
              </Typography.Paragraph>
            </>
          )}
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label={t('credential.mqttUsername')}>
              <Typography.Text
                copyable
                code
                data-testid="credential-mqtt-username"
                style={{ wordBreak: 'break-all' }}
              >
                {credential.mqttUsername}
              </Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label={t('credential.mqttPassword')}>
              {credential.kind === 'token'
                ? t('credential.mqttPasswordToken')
                : t('credential.mqttPasswordSet')}
            </Descriptions.Item>
            <Descriptions.Item label={t('credential.mqttTopic')}>
              <Typography.Text copyable code data-testid="credential-topic">
                {credential.topic}
              </Typography.Text>
            </Descriptions.Item>
            {credential.kind === 'token' && (
              <Descriptions.Item label={t('credential.httpIngest')}>
                <Typography.Text copyable={{ text: ingestUrl }} code>
                  POST {ingestUrl}
                </Typography.Text>
                <br />
                <Typography.Text type="secondary">{t('credential.httpIngestHelp')}</Typography.Text>
              </Descriptions.Item>
            )}
          </Descriptions>
        </>
      )}
    </Modal>
  );
}
