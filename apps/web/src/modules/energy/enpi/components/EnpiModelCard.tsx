import { Alert, Card, Descriptions, Statistic, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TEnpiEvaluation } from '@greenmes/contracts';
import { formatNumber, unitLabel } from '../../lib/energy-format.ts';
import { modelEquation } from '../lib/enpi-lib.ts';

/** The baseline model as an equation with its fit, or why there is none; then the period's totals. */
export function EnpiModelCard(props: { evaluation: TEnpiEvaluation }) {
  const { t, i18n } = useTranslation();
  const { model, modelError, unit } = props.evaluation;
  const format = (v: number | null) => formatNumber(v, i18n.language, 4);
  const savings = props.evaluation.cumulativeSavings;
  return (
    <Card title={t('enpi.model')} size="small" data-testid="enpi-model">
      {model ? (
        <Descriptions size="small" column={{ xs: 1, md: 3 }}>
          <Descriptions.Item label={t('enpi.equation')} span={3}>
            <Typography.Text code data-testid="enpi-equation">
              {modelEquation(model, (d) => t(`enpi.driverShort.${d}`, { defaultValue: d }), format)}
            </Typography.Text>
            <Typography.Text type="secondary" style={{ marginLeft: 8 }}>
              {t('enpi.unitNote', { unit: unitLabel(unit) })}
            </Typography.Text>
          </Descriptions.Item>
          <Descriptions.Item label={t('enpi.r2')}>
            <span data-testid="enpi-r2">{formatNumber(model.r2, i18n.language, 4)}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('enpi.n')}>{model.n}</Descriptions.Item>
        </Descriptions>
      ) : (
        <Alert
          type="warning"
          showIcon
          title={t('enpi.noModel')}
          description={modelError}
          data-testid="enpi-model-error"
        />
      )}
      <div style={{ display: 'flex', gap: 48, marginTop: 16, flexWrap: 'wrap' }}>
        <Statistic
          title={t('enpi.cumulativeSavings')}
          value={formatNumber(savings, i18n.language, 2)}
          suffix={savings === null ? undefined : unitLabel(unit)}
          styles={{ content: { color: savings !== null && savings < 0 ? '#cf1322' : undefined } }}
          data-testid="enpi-savings"
        />
        <Statistic
          title={t('enpi.alarms')}
          value={props.evaluation.alarms}
          styles={{ content: { color: props.evaluation.alarms > 0 ? '#cf1322' : undefined } }}
          data-testid="enpi-alarms"
        />
      </div>
      <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
        {t('enpi.savingsNote')}
      </Typography.Paragraph>
    </Card>
  );
}
