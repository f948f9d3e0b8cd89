import { useCallback, useMemo, useState } from 'react';
import { Alert, Button } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { TEnpi } from '@greenmes/contracts';
import { useCan } from '../../../platform/hooks/use-me.ts';
import { PageCard } from '../../../../shared/components/PageCard.tsx';
import { errorMessage } from '../../../../shared/lib/error-message.ts';
import { useFinishedProducts } from '../../ledgers/hooks/use-ledger-options.ts';
import { EnpiFormDrawer } from '../components/EnpiFormDrawer.tsx';
import { EnpisTable } from '../components/EnpisTable.tsx';
import { useEnpis } from '../hooks/use-enpi-queries.ts';

/** ISO 50001 energy performance indicators: each a meter's consumption against its driver, from a baseline. */
export function EnpisPage() {
  const { t } = useTranslation();
  const canManage = useCan('energy.meter.manage');
  const canReadMaterials = useCan('modeling.material.read');
  const enpis = useEnpis();
  const products = useFinishedProducts();
  const [editing, setEditing] = useState<TEnpi | 'new' | null>(null);
  const names = useMemo(
    () =>
      new Map((canReadMaterials ? (products.data ?? []) : []).map((m) => [m.id, `${m.code} · ${m.name}`])),
    [products.data, canReadMaterials],
  );
  const productName = useCallback((id: string) => names.get(id), [names]);

  return (
    <PageCard
      title={t('enpi.title')}
      testId="enpis-page"
      extra={
        canManage && (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setEditing('new')}
            data-testid="enpi-create"
          >
            {t('enpi.create')}
          </Button>
        )
      }
    >
      {enpis.isError && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('enpi.loadFailed')}
          description={errorMessage(enpis.error, t)}
          action={<Button onClick={() => void enpis.refetch()}>{t('common.retry')}</Button>}
        />
      )}
      <EnpisTable
        rows={enpis.data ?? []}
        loading={enpis.isFetching}
        productName={productName}
        onEdit={setEditing}
      />
      <EnpiFormDrawer
        open={editing !== null}
        enpi={editing === 'new' || editing === null ? undefined : editing}
        onClose={() => setEditing(null)}
      />
    </PageCard>
  );
}
