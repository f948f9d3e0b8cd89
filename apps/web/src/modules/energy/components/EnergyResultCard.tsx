import { Button, Card, Col, Descriptions, Empty, Row, Statistic, Table } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { TEnergyCalcResult } from '@greenmes/contracts';
import { downloadCsv } from '../../../shared/lib/download-csv.ts';
import { formatNumber, unitLabel } from '../lib/energy-format.ts';
import { useMediumLabel } from '../hooks/use-energy-options.ts';

type ResultItem = TEnergyCalcResult['items'][number];

export function EnergyResultCard(props: { result: TEnergyCalcResult | undefined; loading: boolean }) {
  const { t, i18n } = useTranslation();
  const mediumLabel = useMediumLabel();
  const { result } = props;
  const num = (v: number | undefined, digits?: number) => formatNumber(v, i18n.language, digits);
  const pair = (p: { equivalent: number; equal: number } | undefined) =>
    p ? t('energy.calc.equivalentEqual', { equivalent: num(p.equivalent), equal: num(p.equal) }) : '—';

  const exportCsv = () => {
    if (!result) return;
    const c = 'energy.calc';
    downloadCsv(`${t(`${c}.fileName`)}.csv`, [
      [
        t(`${c}.medium`),
        t(`${c}.quantity`),
        t(`${c}.unit`),
        t(`${c}.coefficient`),
        t(`${c}.source`),
        t(`${c}.coefficientEqual`),
        t(`${c}.source`),
        t(`${c}.tceEquivalent`),
        t(`${c}.tceEqual`),
      ],
      ...result.items.map((r) => [
        mediumLabel(r.medium),
        r.quantity,
        r.unit,
        r.kgcePerUnit,
        r.factorSource,
        r.kgcePerUnitEqual,
        r.factorSourceEqual,
        r.tceEquivalent,
        r.tceEqual,
      ]),
      [],
      [t(`${c}.totalEquivalent`), result.totalTceEquivalent],
      [t(`${c}.totalEqual`), result.totalTceEqual],
      [t(`${c}.perOutputValue`), result.perOutputValueTce?.equivalent, result.perOutputValueTce?.equal],
      [t(`${c}.perValueAdded`), result.perValueAddedTce?.equivalent, result.perValueAddedTce?.equal],
      [t(`${c}.perProduct`), result.perProductKgce?.equivalent, result.perProductKgce?.equal],
    ]);
  };

  return (
    <Card
      title={t('energy.result')}
      loading={props.loading && !result}
      data-testid="energy-result"
      extra={
        result && (
          <Button icon={<DownloadOutlined />} onClick={exportCsv} data-testid="energy-export">
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
            <Col span={12}>
              <Statistic
                title={t('energy.calc.totalEquivalent')}
                value={result.totalTceEquivalent}
                formatter={() => (
                  <span data-testid="energy-total-equivalent">{num(result.totalTceEquivalent)}</span>
                )}
              />
            </Col>
            <Col span={12}>
              <Statistic
                title={t('energy.calc.totalEqual')}
                value={result.totalTceEqual}
                formatter={() => <span data-testid="energy-total-equal">{num(result.totalTceEqual)}</span>}
              />
            </Col>
          </Row>
          <Descriptions size="small" column={1} bordered style={{ marginBottom: 16 }}>
            <Descriptions.Item label={t('energy.calc.perOutputValue')}>
              {pair(result.perOutputValueTce)}
            </Descriptions.Item>
            <Descriptions.Item label={t('energy.calc.perValueAdded')}>
              {pair(result.perValueAddedTce)}
            </Descriptions.Item>
            <Descriptions.Item label={t('energy.calc.perProduct')}>
              {pair(result.perProductKgce)}
            </Descriptions.Item>
          </Descriptions>
          <Table<ResultItem>
            size="small"
            rowKey={(_, index) => String(index)}
            pagination={false}
            dataSource={result.items}
            data-testid="energy-result-items"
            scroll={{ x: 'max-content' }}
            columns={[
              { title: t('energy.calc.medium'), dataIndex: 'medium', render: mediumLabel },
              {
                title: t('energy.calc.quantity'),
                align: 'right',
                render: (_, r) => `${num(r.quantity)} ${unitLabel(r.unit)}`,
              },
              {
                title: t('energy.calc.coefficient'),
                align: 'right',
                render: (_, r) => `${num(r.kgcePerUnit, 6)} kgce/${unitLabel(r.unit)}`,
              },
              {
                title: t('energy.calc.coefficientEqual'),
                align: 'right',
                render: (_, r) => `${num(r.kgcePerUnitEqual, 6)} kgce/${unitLabel(r.unit)}`,
              },
              {
                title: t('energy.calc.tceEquivalent'),
                dataIndex: 'tceEquivalent',
                align: 'right',
                render: (v: number) => num(v),
              },
              {
                title: t('energy.calc.tceEqual'),
                dataIndex: 'tceEqual',
                align: 'right',
                render: (v: number) => num(v),
              },
              {
                title: t('energy.calc.source'),
                render: (_, r) =>
                  r.factorSourceEqual === r.factorSource
                    ? r.factorSource
                    : `${r.factorSource}; ${r.factorSourceEqual}`,
              },
            ]}
            summary={() => (
              <Table.Summary.Row>
                <Table.Summary.Cell index={0} colSpan={4}>
                  <strong>{t('energy.calc.total')}</strong>
                </Table.Summary.Cell>
                <Table.Summary.Cell index={4} align="right">
                  <strong>{num(result.totalTceEquivalent)}</strong>
                </Table.Summary.Cell>
                <Table.Summary.Cell index={5} align="right">
                  <strong>{num(result.totalTceEqual)}</strong>
                </Table.Summary.Cell>
                <Table.Summary.Cell index={6} />
              </Table.Summary.Row>
            )}
          />
        </>
      )}
    </Card>
  );
}
