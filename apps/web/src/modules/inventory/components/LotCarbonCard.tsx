import { Alert, Card, Descriptions, Empty, Spin, Table, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { TLotCarbonComponent } from '@greenmes/contracts';
import { errorMessage } from '../../../shared/lib/error-message.ts';
import { lotKeys, lotsApi } from '../api/lots-api.ts';

const kg = (v: number | null) =>
  v === null ? null : v.toLocaleString(undefined, { maximumFractionDigits: 4 });

/** A lot's footprint: its share of its work order's energy plus the consumed lots' materials, in kgCO₂e. */
export function LotCarbonCard(props: { lotId: string }) {
  const { t } = useTranslation();
  const carbon = useQuery({
    queryKey: [...lotKeys.all, 'carbon', props.lotId],
    queryFn: ({ signal }) => lotsApi.carbon(props.lotId, signal),
  });
  const c = carbon.data;
  return (
    <Card size="small" title={t('lotCarbon.title')} data-testid="lot-carbon">
      {carbon.isError ? (
        <Alert type="error" showIcon title={errorMessage(carbon.error, t)} />
      ) : !c ? (
        <Spin tip={t('lotCarbon.loading')} data-testid="lot-carbon-loading">
          <div style={{ height: 48 }} />
        </Spin>
      ) : (
        <>
          <Descriptions size="small" column={{ xs: 1, md: 2 }} bordered>
            <Descriptions.Item label={t('lotCarbon.total')}>
              <strong data-testid="lot-carbon-total">{kg(c.totalKgco2e)}</strong> kgCO₂e
            </Descriptions.Item>
            <Descriptions.Item label={t('lotCarbon.perUnit')}>
              <span data-testid="lot-carbon-per-unit">{kg(c.perUnitKgco2e) ?? t('lotCarbon.unknown')}</span>{' '}
              kgCO₂e / {c.unitCode}
            </Descriptions.Item>
            <Descriptions.Item label={t('lotCarbon.energy')}>
              <span data-testid="lot-carbon-energy">{kg(c.energyKgco2e)}</span> kgCO₂e
              {c.share !== null && c.orderGoodQuantity !== null && (
                <Typography.Text type="secondary" style={{ marginLeft: 8 }}>
                  {t('lotCarbon.share', {
                    percent: (c.share * 100).toLocaleString(undefined, { maximumFractionDigits: 2 }),
                    qty: c.quantity,
                    good: c.orderGoodQuantity,
                  })}
                </Typography.Text>
              )}
            </Descriptions.Item>
            <Descriptions.Item label={t('lotCarbon.materials')}>
              <span data-testid="lot-carbon-materials">{kg(c.materialsKgco2e)}</span> kgCO₂e
            </Descriptions.Item>
          </Descriptions>
          {c.missing.length > 0 && (
            <Alert
              style={{ marginTop: 8 }}
              type="warning"
              showIcon
              title={t('lotCarbon.missing', { codes: c.missing.join(', ') })}
            />
          )}
          {c.origin === 'received' ? (
            <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
              {t('lotCarbon.received')}
            </Typography.Paragraph>
          ) : (
            <Table<TLotCarbonComponent>
              style={{ marginTop: 8 }}
              size="small"
              rowKey="lotId"
              pagination={false}
              dataSource={c.components}
              locale={{ emptyText: <Empty description={t('lotCarbon.noComponents')} /> }}
              data-testid="lot-carbon-components"
              columns={[
                {
                  title: t('lotCarbon.component'),
                  render: (_, r) => (
                    <>
                      {r.lotNumber} <Tag>{t(`lots.origin.${r.origin}`)}</Tag>
                    </>
                  ),
                },
                { title: t('lotCarbon.material'), render: (_, r) => `${r.materialCode} ${r.materialName}` },
                {
                  title: t('lotCarbon.quantity'),
                  align: 'right',
                  render: (_, r) => `${r.quantity} ${r.unitCode}`,
                },
                {
                  title: t('lotCarbon.factor'),
                  align: 'right',
                  render: (_, r) => kg(r.kgco2ePerUnit) ?? '—',
                },
                { title: t('lotCarbon.emission'), align: 'right', render: (_, r) => kg(r.kgco2e) ?? '—' },
              ]}
            />
          )}
          <Typography.Paragraph type="secondary" style={{ marginTop: 8, fontSize: 12 }}>
            {t('lotCarbon.method')}: {t('lotCarbon.methodText')}
          </Typography.Paragraph>
        </>
      )}
    </Card>
  );
}
