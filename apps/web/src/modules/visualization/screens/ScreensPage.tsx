import { useState } from 'react';
import { Button, Card, Checkbox, Col, InputNumber, Row, Select, Space, Typography } from 'antd';
import { PlayCircleOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import type { ScreenKey } from '@greenmes/contracts';
import { PageCard } from '../../../shared/components/PageCard.tsx';
import { usePlantTree } from '../../modeling/hooks/use-modeling-queries.ts';
import { useCan } from '../../platform/hooks/use-me.ts';
import {
  DEFAULT_INTERVAL_S,
  MIN_INTERVAL_S,
  rotationSearch,
  SCREEN_KEYS,
  siteOf,
} from './screen-rotation.ts';

/** The site the screens show, or all (empty); only for users who can read the plant. */
function SitePicker(props: { value: string | null; onChange: (siteId: string | null) => void }) {
  const { t } = useTranslation();
  const canReadPlant = useCan('modeling.plant.read');
  const tree = usePlantTree({ enabled: canReadPlant });
  const sites = (tree.data?.nodes ?? []).filter((n) => n.kind === 'site');
  if (!canReadPlant) return null;
  return (
    <Select<string>
      allowClear
      style={{ minWidth: 200 }}
      placeholder={t('screens.allSites')}
      aria-label={t('screens.site')}
      loading={tree.isFetching}
      value={props.value ?? undefined}
      onChange={(v) => props.onChange(v ?? null)}
      options={sites.map((s) => ({ value: s.id, label: `${s.code} ${s.name}` }))}
      data-testid="screens-site"
    />
  );
}

/**
 * The big screens to open, and a rotation between the ones ticked (for a wall display), of one site or of the
 * whole enterprise. The site is kept in the URL (`?siteId=`), and every screen opened from here carries it.
 */
export function ScreensPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [search, setSearch] = useSearchParams();
  const siteId = siteOf(search);
  const siteSearch = rotationSearch([], 0, siteId);
  const pickSite = (id: string | null) =>
    setSearch(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (id) next.set('siteId', id);
        else next.delete('siteId');
        return next;
      },
      { replace: true },
    );
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
          <SitePicker value={siteId} onChange={pickSite} />
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
            onClick={() =>
              void navigate(`/screens/${rotation[0]!}${rotationSearch(rotation, intervalS, siteId)}`)
            }
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
                <Link key="open" to={`/screens/${key}${siteSearch}`} data-testid={`screen-open-${key}`}>
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
