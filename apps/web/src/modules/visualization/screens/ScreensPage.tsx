import { useState } from 'react';
import { Button, Card, Checkbox, Col, InputNumber, Row, Space, Typography } from 'antd';
import { PlayCircleOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { SCREEN_KEYS, type ScreenKey } from '@greenmes/contracts';
import { PageCard } from '../../../shared/components/PageCard.tsx';
import { DEFAULT_INTERVAL_S, MIN_INTERVAL_S, rotationSearch } from './screen-rotation.ts';

/** The big screens to open, and a rotation between the ones ticked (for a wall display). */
export function ScreensPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [rotation, setRotation] = useState<ScreenKey[]>([...SCREEN_KEYS]);
  const [intervalS, setIntervalS] = useState(DEFAULT_INTERVAL_S);
  const toggle = (key: ScreenKey, isOn: boolean) =>
    setRotation((keys) => SCREEN_KEYS.filter((k) => (k === key ? isOn : keys.includes(k))));

  return (
    <PageCard
      title={t('screens.title')}
      testId="screens-page"
      extra={
        <Space>
          <span>{t('screens.interval')}</span>
          <InputNumber
            min={MIN_INTERVAL_S}
            max={3600}
            value={intervalS}
            onChange={(v) => setIntervalS(v ?? DEFAULT_INTERVAL_S)}
            addonAfter={t('screens.seconds')}
            data-testid="screens-interval"
          />
          <Button
            type="primary"
            icon={<PlayCircleOutlined />}
            disabled={rotation.length < 2}
            onClick={() => void navigate(`/screens/${rotation[0]!}${rotationSearch(rotation, intervalS)}`)}
            data-testid="screens-rotate"
          >
            {t('screens.startRotation', { count: rotation.length })}
          </Button>
        </Space>
      }
    >
      <Typography.Paragraph type="secondary">{t('screens.intro')}</Typography.Paragraph>
      <Row gutter={[16, 16]}>
        {SCREEN_KEYS.map((key) => (
          <Col key={key} xs={24} md={12} xl={8}>
            <Card
              title={t(`screens.names.${key}`)}
              data-testid={`screen-card-${key}`}
              extra={
                <Checkbox
                  checked={rotation.includes(key)}
                  onChange={(e) => toggle(key, e.target.checked)}
                  data-testid={`screen-rotate-${key}`}
                >
                  {t('screens.inRotation')}
                </Checkbox>
              }
              actions={[
                <Link key="open" to={`/screens/${key}`} data-testid={`screen-open-${key}`}>
                  {t('screens.open')}
                </Link>,
              ]}
            >
              <Typography.Paragraph style={{ minHeight: 66, marginBottom: 0 }}>
                {t(`screens.descriptions.${key}`)}
              </Typography.Paragraph>
            </Card>
          </Col>
        ))}
      </Row>
    </PageCard>
  );
}
