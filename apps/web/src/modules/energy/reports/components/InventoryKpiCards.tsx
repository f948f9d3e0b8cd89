import { Card, Col, Row, Statistic, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { TGhgInventory } from '@greenmes/contracts';
import { formatNumber } from '../../lib/energy-format.ts';

export function InventoryKpiCards(props: { inventory: TGhgInventory }) {
  const { t, i18n } = useTranslation();
  const { totals, perOutputValueTco2 } = props.inventory;
  const lang = i18n.language;
  const kpis = [
    { key: 'total', title: t('energyReports.ghg.total'), value: totals.totalTco2 },
    { key: 'scope1', title: t('energyReports.ghg.scope1'), value: totals.scope1Tco2 },
    { key: 'scope2', title: t('energyReports.ghg.scope2'), value: totals.scope2Tco2 },
  ];
  return (
    <Row gutter={[16, 16]} data-testid="inventory-kpis">
      {kpis.map((k) => (
        <Col key={k.key} xs={24} sm={12} xl={6}>
          <Card size="small" style={{ height: '100%' }}>
            <Statistic
              title={k.title}
              value={formatNumber(k.value, lang, 3)}
              suffix="tCO₂"
              data-testid={`inventory-${k.key}`}
            />
          </Card>
        </Col>
      ))}
      <Col xs={24} sm={12} xl={6}>
        <Card size="small" style={{ height: '100%' }}>
          <Statistic
            title={t('energyReports.ghg.intensity')}
            value={perOutputValueTco2 === null ? '—' : formatNumber(perOutputValueTco2, lang, 4)}
            suffix={
              perOutputValueTco2 === null ? (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  <Link to="/energy/economics">{t('energyReports.enterEconomics')}</Link>
                </Typography.Text>
              ) : (
                <span style={{ fontSize: 12 }}>{t('energyReports.ghg.tco2Per10kYuan')}</span>
              )
            }
            data-testid="inventory-intensity"
          />
        </Card>
      </Col>
    </Row>
  );
}
