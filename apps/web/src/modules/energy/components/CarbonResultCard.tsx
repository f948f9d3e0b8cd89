import { Button, Card, Col, Descriptions, Empty, Row, Statistic, Table } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { TCarbonCalcResult } from '@greenmes/contracts';
import { downloadCsv } from '../../../shared/lib/download-csv.ts';
import { formatNumber, unitLabel } from '../lib/energy-format.ts';
import { useMediumLabel } from '../hooks/use-energy-options.ts';

type CombustionLine = TCarbonCalcResult['combustion'][number];

export function CarbonResultCard(props: { result: TCarbonCalcResult | undefined; loading: boolean }) {
  const { t, i18n } = useTranslation();
  const mediumLabel = useMediumLabel();
  const { result } = props;
  const num = (v: number | undefined, digits?: number) => formatNumber(v, i18n.language, digits);
  const c = (key: string) => t(`energy.carbon.${key}`);

  const exportCsv = () => {
    if (!result) return;
    downloadCsv(`${c('fileName')}.csv`, [
      [
        c('fuel'),
        t('energy.calc.quantity'),
        t('energy.calc.unit'),
        c('quantityInNcvUnit'),
        c('ncvUnit'),
        c('ncv'),
        c('carbonContent'),
        c('oxidationRate'),
        c('activityGj'),
        c('source'),
        c('tco2'),
      ],
      ...result.combustion.map((r) => [
        mediumLabel(r.fuel),
        r.quantity,
        r.unit,
        r.quantityInNcvUnit,
        r.ncvUnit,
        r.ncvGjPerUnit,
        r.carbonContentTcPerGj,
        r.oxidationRate,
        r.activityGj,
        r.factorSource,
        r.tco2,
      ]),
      [],
      [c('combustionTco2'), result.combustionTco2],
      [c('processTco2'), result.processTco2],
      [
        c('purchasedElectricityTco2'),
        result.purchasedElectricityTco2,
        c('gridFactor'),
        result.gridEmissionFactorTco2PerMWh,
        result.gridFactorSource,
      ],
      [c('purchasedHeatTco2'), result.purchasedHeatTco2, c('purchasedHeatGj'), result.purchasedHeatGj],
      [c('heatFactor'), result.heatEmissionFactorTco2PerGj, result.heatFactorSource],
      [c('exportedTco2'), result.exportedTco2],
      [c('recoveredTco2'), result.recoveredTco2],
      [c('scope1'), result.scope1Tco2],
      [c('scope2'), result.scope2Tco2],
      [c('total'), result.totalTco2],
      [c('perOutputValue'), result.perOutputValueTco2],
      [c('perProduct'), result.perProductTco2],
    ]);
  };

  const stat = (title: string, value: number, testId: string) => (
    <Col xs={24} md={8}>
      <Statistic
        title={title}
        value={value}
        formatter={() => <span data-testid={testId}>{num(value)}</span>}
      />
    </Col>
  );

  return (
    <Card
      title={t('energy.result')}
      loading={props.loading && !result}
      data-testid="carbon-result"
      extra={
        result && (
          <Button icon={<DownloadOutlined />} onClick={exportCsv} data-testid="carbon-export">
            {t('energy.exportResult')}
          </Button>
        )
      }
    >
      {!result ? (
        <Empty description={t('energy.noResult')} image={Empty.PRESENTED_IMAGE_SIMPLE} />
      ) : (
        <>
          <Row gutter={16} style={{ marginBottom: 16 }}>
            {stat(c('total'), result.totalTco2, 'carbon-total')}
            {stat(c('scope1'), result.scope1Tco2, 'carbon-scope1')}
            {stat(c('scope2'), result.scope2Tco2, 'carbon-scope2')}
          </Row>
          {result.combustion.length > 0 && (
            <Table<CombustionLine>
              size="small"
              rowKey={(_, index) => String(index)}
              pagination={false}
              dataSource={result.combustion}
              scroll={{ x: 'max-content' }}
              style={{ marginBottom: 16 }}
              data-testid="carbon-result-combustion"
              columns={[
                { title: c('fuel'), dataIndex: 'fuel', render: mediumLabel },
                {
                  title: t('energy.calc.quantity'),
                  align: 'right',
                  render: (_, r) => `${num(r.quantity)} ${unitLabel(r.unit)}`,
                },
                {
                  title: c('ncv'),
                  align: 'right',
                  render: (_, r) => `${num(r.ncvGjPerUnit, 6)} GJ/${unitLabel(r.ncvUnit)}`,
                },
                {
                  title: c('carbonContent'),
                  dataIndex: 'carbonContentTcPerGj',
                  align: 'right',
                  render: (v: number) => num(v, 6),
                },
                {
                  title: c('oxidationRate'),
                  dataIndex: 'oxidationRate',
                  align: 'right',
                  render: (v: number) => num(v),
                },
                {
                  title: c('activityGj'),
                  dataIndex: 'activityGj',
                  align: 'right',
                  render: (v: number) => num(v),
                },
                { title: c('source'), dataIndex: 'factorSource' },
                { title: c('tco2'), dataIndex: 'tco2', align: 'right', render: (v: number) => num(v) },
              ]}
            />
          )}
          <Descriptions size="small" column={1} bordered title={c('breakdown')}>
            <Descriptions.Item label={c('combustionTco2')}>{num(result.combustionTco2)}</Descriptions.Item>
            <Descriptions.Item label={c('processTco2')}>{num(result.processTco2)}</Descriptions.Item>
            <Descriptions.Item label={c('purchasedElectricityTco2')}>
              {num(result.purchasedElectricityTco2)} ({c('factorUsed')}{' '}
              {num(result.gridEmissionFactorTco2PerMWh)} tCO₂/MWh · {result.gridFactorSource})
            </Descriptions.Item>
            <Descriptions.Item label={c('purchasedHeatTco2')}>
              {num(result.purchasedHeatTco2)} ({num(result.purchasedHeatGj)} GJ ×{' '}
              {num(result.heatEmissionFactorTco2PerGj)} tCO₂/GJ · {result.heatFactorSource})
            </Descriptions.Item>
            <Descriptions.Item label={c('exportedTco2')}>−{num(result.exportedTco2)}</Descriptions.Item>
            <Descriptions.Item label={c('recoveredTco2')}>−{num(result.recoveredTco2)}</Descriptions.Item>
            <Descriptions.Item label={c('perOutputValue')}>
              {num(result.perOutputValueTco2)}
            </Descriptions.Item>
            <Descriptions.Item label={c('perProduct')}>{num(result.perProductTco2)}</Descriptions.Item>
          </Descriptions>
        </>
      )}
    </Card>
  );
}
