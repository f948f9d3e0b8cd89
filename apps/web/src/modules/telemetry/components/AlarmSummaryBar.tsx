import { Card, Col, Row, Statistic } from 'antd';
import { useTranslation } from 'react-i18next';
import { ALARM_SEVERITIES, type AlarmSeverity, type TAlarmSummary } from '@greenmes/contracts';
import { SEVERITY_COLORS } from './alarm-tags.tsx';

/** Open alarms by severity; a card filters the console to its severity (again: clears the filter). */
export function AlarmSummaryBar(props: {
  summary: TAlarmSummary | undefined;
  severity: AlarmSeverity | undefined;
  onSeverity: (severity: AlarmSeverity | undefined) => void;
}) {
  const { t } = useTranslation();
  const s = props.summary;
  return (
    <Row gutter={[12, 12]} data-testid="alarm-summary">
      {ALARM_SEVERITIES.map((severity) => (
        <Col key={severity} xs={12} sm={8} lg={4}>
          <Card
            size="small"
            hoverable
            onClick={() => props.onSeverity(props.severity === severity ? undefined : severity)}
            style={{
              borderTop: `3px solid ${SEVERITY_COLORS[severity]}`,
              background: props.severity === severity ? '#fafafa' : undefined,
            }}
            data-testid={`alarm-count-${severity}`}
          >
            <Statistic
              title={t(`alarm.severity.${severity}`)}
              value={s?.bySeverity[severity] ?? '—'}
              styles={{ content: { color: s?.bySeverity[severity] ? SEVERITY_COLORS[severity] : undefined } }}
            />
          </Card>
        </Col>
      ))}
      <Col xs={12} sm={8} lg={4}>
        <Card size="small">
          <Statistic
            title={t('alarm.unacknowledged')}
            value={s?.unacknowledged ?? '—'}
            suffix={
              s ? <span style={{ fontSize: 14 }}>{t('alarm.shelvedCount', { count: s.shelved })}</span> : null
            }
          />
        </Card>
      </Col>
    </Row>
  );
}
