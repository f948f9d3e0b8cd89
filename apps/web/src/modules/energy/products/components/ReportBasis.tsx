import { Card, Descriptions, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TProductReport } from '@greenmes/contracts';
import { useMediumLabel } from '../../hooks/use-energy-options.ts';
import { formatNumber, unitLabel } from '../../lib/energy-format.ts';

/** The factors, prices and method the report used, so an auditor can redo the numbers. */
export function ReportBasis(props: { basis: TProductReport['basis'] }) {
  const { t, i18n } = useTranslation();
  const mediumLabel = useMediumLabel();
  const { basis } = props;
  return (
    <Card size="small" title={t('energyProducts.basis.title')} data-testid="product-basis">
      <Descriptions size="small" column={{ xs: 1, md: 3 }} bordered>
        <Descriptions.Item label={t('energyProducts.basis.factorYear')}>{basis.factorYear}</Descriptions.Item>
        <Descriptions.Item label={t('energyProducts.basis.gridFactor')}>
          {formatNumber(basis.gridFactorTco2PerMWh, i18n.language, 4)}
        </Descriptions.Item>
        <Descriptions.Item label={t('energyProducts.basis.equalValue')}>
          {formatNumber(basis.electricityEqualValueKgcePerKwh, i18n.language, 4)}
        </Descriptions.Item>
        <Descriptions.Item label={t('energyProducts.basis.prices')} span={3}>
          {basis.prices.length === 0 ? (
            <Typography.Text type="secondary">{t('energyProducts.basis.noPrices')}</Typography.Text>
          ) : (
            basis.prices.map((p) => (
              <div key={p.medium}>
                {t('energyProducts.basis.price', {
                  medium: mediumLabel(p.medium),
                  price: formatNumber(Number(p.averagePrice), i18n.language, 4),
                  unit: unitLabel(p.unit),
                })}
              </div>
            ))
          )}
        </Descriptions.Item>
        <Descriptions.Item label={t('energyProducts.basis.method')} span={3}>
          {/* the server's text is what it computed; the translation beside it is for reading */}
          <Typography.Paragraph style={{ marginBottom: 4 }}>
            {t('energyTables.table2.method')}
          </Typography.Paragraph>
          <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="product-basis-method">
            {basis.method}
          </Typography.Text>
        </Descriptions.Item>
      </Descriptions>
    </Card>
  );
}
