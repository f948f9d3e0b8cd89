import type { ReactNode } from 'react';
import { Card, Col, Row, Statistic, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { TEnergyOverview } from '@greenmes/contracts';
import { formatNumber } from '../../lib/energy-format.ts';
import { changePercent } from '../lib/report-period.ts';
import { ChangeStatistic } from './ChangeStatistic.tsx';

function Kpi(props: { children: ReactNode }) {
  return (
    <Col xs={24} sm={12} lg={8} xl={4}>
      <Card size="small" style={{ height: '100%' }}>
        {props.children}
      </Card>
    </Col>
  );
}

/** An intensity in tce per 10⁴ yuan, or where to enter the economic figures it needs. */
function Intensity(props: {
  title: string;
  value: { equivalent: number; equal: number } | null;
  testId: string;
}) {
  const { t, i18n } = useTranslation();
  if (!props.value)
    return (
      <Statistic
        title={props.title}
        value="—"
        suffix={
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            <Link to="/energy/economics">{t('energyReports.enterEconomics')}</Link>
          </Typography.Text>
        }
        data-testid={props.testId}
      />
    );
  return (
    <>
      <Statistic
        title={props.title}
        value={formatNumber(props.value.equivalent, i18n.language, 4)}
        suffix={<span style={{ fontSize: 12 }}>{t('energyReports.tcePer10kYuan')}</span>}
        data-testid={props.testId}
      />
      <Typography.Text type="secondary">
        {t('energyReports.equalValue')}: {formatNumber(props.value.equal, i18n.language, 4)}
      </Typography.Text>
    </>
  );
}

export function OverviewKpiCards(props: { overview: TEnergyOverview }) {
  const { t, i18n } = useTranslation();
  const o = props.overview;
  return (
    <Row gutter={[16, 16]} data-testid="overview-kpis">
      <Kpi>
        <Statistic
          title={t('energyReports.totalEquivalent')}
          value={formatNumber(o.totalTceEquivalent, i18n.language, 3)}
          suffix="tce"
          data-testid="overview-total-equivalent"
        />
      </Kpi>
      <Kpi>
        <Statistic
          title={t('energyReports.totalEqual')}
          value={formatNumber(o.totalTceEqual, i18n.language, 3)}
          suffix="tce"
          data-testid="overview-total-equal"
        />
      </Kpi>
      <Kpi>
        <ChangeStatistic
          title={t('energyReports.mom')}
          percent={changePercent(o.totalTceEquivalent, o.previousTceEquivalent)}
          testId="overview-mom"
        />
      </Kpi>
      <Kpi>
        <ChangeStatistic
          title={t('energyReports.yoy')}
          percent={changePercent(o.totalTceEquivalent, o.lastYearTceEquivalent)}
          testId="overview-yoy"
        />
      </Kpi>
      <Kpi>
        <Intensity
          title={t('energyReports.perOutputValue')}
          value={o.perOutputValueTce}
          testId="overview-per-output"
        />
      </Kpi>
      <Kpi>
        <Intensity
          title={t('energyReports.perValueAdded')}
          value={o.perValueAddedTce}
          testId="overview-per-value-added"
        />
      </Kpi>
    </Row>
  );
}
