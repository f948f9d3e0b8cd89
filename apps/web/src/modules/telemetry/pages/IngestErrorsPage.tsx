import { useState } from 'react';
import { Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { PageCard } from '../../../shared/components/PageCard.tsx';
import { RemoteSelect } from '../../../shared/components/RemoteSelect.tsx';
import { IngestErrorsTable } from '../components/IngestErrorsTable.tsx';
import { optionSources } from '../components/telemetry-options.ts';

export function IngestErrorsPage() {
  const { t } = useTranslation();
  const [deviceId, setDeviceId] = useState<string | undefined>();
  return (
    <PageCard
      title={t('menu.ingestErrors')}
      testId="ingest-errors-page"
      filters={
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Typography.Text type="secondary">{t('ingestError.intro')}</Typography.Text>
          <RemoteSelect
            {...optionSources.devices}
            value={deviceId}
            onChange={(v) => setDeviceId(v ?? undefined)}
            placeholder={t('ingestError.device')}
            style={{ width: 260 }}
            data-testid="ingest-errors-device"
          />
        </Space>
      }
    >
      {/* a new filter starts the table at page 1 */}
      <IngestErrorsTable key={deviceId ?? 'all'} filters={{ deviceId }} />
    </PageCard>
  );
}
