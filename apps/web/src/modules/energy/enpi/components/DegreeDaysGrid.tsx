import { Col, Form, InputNumber, Row, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { monthsBetween } from '../lib/enpi-lib.ts';

/**
 * One input per month from the baseline's first month to the last month that may be reported on: the
 * model needs degree days for every month it fits and every month it predicts.
 */
export function DegreeDaysGrid(props: { from: string | undefined; to: string }) {
  const { t } = useTranslation();
  const months = props.from ? monthsBetween(props.from, props.to) : [];
  return (
    <Row gutter={[12, 0]} data-testid="enpi-degree-days">
      <Col span={24}>
        <Typography.Text type="secondary">{t('enpi.degreeDaysMonths')}</Typography.Text>
      </Col>
      {months.map((month) => (
        <Col key={month} xs={12} sm={8} md={6}>
          <Form.Item name={['degreeDays', month]} label={month} style={{ marginBottom: 8 }}>
            <InputNumber min={0} style={{ width: '100%' }} data-testid={`enpi-dd-${month}`} />
          </Form.Item>
        </Col>
      ))}
    </Row>
  );
}
