import { Card, Col, Row, Statistic, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TSavingProjectTotals } from '@greenmes/contracts';

/** Investment and expected vs verified savings: overall, by status, by year. */
export function SavingTotalsCards({ totals }: { totals: TSavingProjectTotals | undefined }) {
  const { t } = useTranslation();
  const all = totals?.all;
  const stat = (title: string, value: string | undefined) => (
    <Col xs={12} md={4}>
      <Card size="small">
        <Statistic title={title} value={value ?? '—'} />
      </Card>
    </Col>
  );
  const money = [
    { title: t('ledgers.project.investment'), dataIndex: 'investment', align: 'right' as const },
    {
      title: t('ledgers.project.totals.expectedTce'),
      dataIndex: 'expectedSavingsTce',
      align: 'right' as const,
    },
    {
      title: t('ledgers.project.totals.verifiedTce'),
      dataIndex: 'verifiedSavingsTce',
      align: 'right' as const,
    },
    {
      title: t('ledgers.project.totals.expectedValue'),
      dataIndex: 'expectedSavingsValue',
      align: 'right' as const,
    },
    {
      title: t('ledgers.project.totals.verifiedValue'),
      dataIndex: 'verifiedSavingsValue',
      align: 'right' as const,
    },
  ];
  return (
    <>
      <Row gutter={[16, 16]} style={{ marginBottom: 16 }} data-testid="saving-totals">
        <Col xs={12} md={4}>
          <Card size="small">
            <Statistic title={t('ledgers.project.totals.all')} value={all?.count ?? '—'} />
          </Card>
        </Col>
        {stat(t('ledgers.project.totals.investment'), all?.investment)}
        {stat(t('ledgers.project.totals.expectedTce'), all?.expectedSavingsTce)}
        {stat(t('ledgers.project.totals.verifiedTce'), all?.verifiedSavingsTce)}
        {stat(t('ledgers.project.totals.expectedValue'), all?.expectedSavingsValue)}
        {stat(t('ledgers.project.totals.verifiedValue'), all?.verifiedSavingsValue)}
      </Row>
      <Row gutter={16} style={{ marginBottom: 16 }}>
        <Col xs={24} lg={12}>
          <Table
            size="small"
            rowKey="status"
            pagination={false}
            dataSource={totals?.byStatus ?? []}
            columns={[
              {
                title: t('ledgers.project.status'),
                dataIndex: 'status',
                render: (s: string, r) => `${t(`ledgers.project.statuses.${s}`)} (${r.count})`,
              },
              ...money,
            ]}
          />
        </Col>
        <Col xs={24} lg={12}>
          <Table
            size="small"
            rowKey={(r) => String(r.year)}
            pagination={false}
            dataSource={totals?.byYear ?? []}
            columns={[
              {
                title: t('ledgers.project.totals.byYear'),
                dataIndex: 'year',
                render: (y: number | null, r) => `${y ?? t('ledgers.project.totals.undated')} (${r.count})`,
              },
              ...money,
            ]}
          />
        </Col>
      </Row>
    </>
  );
}
