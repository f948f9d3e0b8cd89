import { lazy, Suspense, useEffect, useState, type ComponentType } from 'react';
import { Button, ConfigProvider, Spin, Tooltip, theme } from 'antd';
import { FullscreenExitOutlined, FullscreenOutlined, LeftOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation, useNavigate, useParams } from 'react-router-dom';
import type { ScreenKey } from '@greenmes/contracts';
import { useMe } from '../../platform/hooks/use-me.ts';
import { formatDateTime } from '../../../shared/lib/format.ts';
import styles from './big-screen.module.css';
import { isScreenKey, nextScreen, rotationOf, rotationSearch, siteOf } from './screen-rotation.ts';
import { DESIGN_HEIGHT, DESIGN_WIDTH, useFitScale } from './use-fit-scale.ts';
import { useScreenSite } from './use-screen-data.ts';

/** Each screen is its own chunk: a wall that only shows energy never downloads the production screen. */
function body<M extends Record<string, unknown>>(load: () => Promise<M>, name: keyof M & string) {
  return lazy(async () => ({ default: (await load())[name] as ComponentType }));
}
const BODIES: Record<ScreenKey, ComponentType> = {
  summary: body(() => import('./bodies/SummaryScreen.tsx'), 'SummaryScreen'),
  production: body(() => import('./bodies/ProductionScreen.tsx'), 'ProductionScreen'),
  equipment: body(() => import('./bodies/EquipmentScreen.tsx'), 'EquipmentScreen'),
  energy: body(() => import('./bodies/EnergyScreen.tsx'), 'EnergyScreen'),
  carbon: body(() => import('./bodies/CarbonScreen.tsx'), 'CarbonScreen'),
};

function Clock() {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), 1000);
    return () => clearInterval(timer);
  }, []);
  return <span data-testid="screen-clock">{formatDateTime(now.toISOString())}</span>;
}

function useFullscreen() {
  const [isFullscreen, setFullscreen] = useState(() => document.fullscreenElement !== null);
  useEffect(() => {
    const onChange = () => setFullscreen(document.fullscreenElement !== null);
    document.addEventListener('fullscreenchange', onChange);
    return () => document.removeEventListener('fullscreenchange', onChange);
  }, []);
  const toggle = () =>
    void (document.fullscreenElement
      ? document.exitFullscreen()
      : document.documentElement.requestFullscreen());
  return { isFullscreen, toggle };
}

/**
 * A big screen (数据大屏): a 1920 × 1080 design scaled to fit the window, letterboxed, dark, with the
 * enterprise (and the site, when the screen shows one), a clock, full screen, and rotation to the next screen
 * when the query string asks for it.
 */
export function BigScreenPage() {
  const { key } = useParams();
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { search } = useLocation();
  const me = useMe();
  const fit = useFitScale();
  const fullscreen = useFullscreen();
  const current = isScreenKey(key) ? key : null;
  const site = useScreenSite(current);
  const params = new URLSearchParams(search);
  const rotation = current ? rotationOf(current, params) : null;
  // the site rides along the rotation: every screen of it shows the same site
  const rotationKey = rotation ? rotationSearch(rotation.keys, rotation.intervalS, siteOf(params)) : '';

  useEffect(() => {
    if (!current || !rotation) return;
    const timer = setTimeout(
      () => void navigate(`/screens/${nextScreen(rotation.keys, current)}${rotationKey}`, { replace: true }),
      rotation.intervalS * 1000,
    );
    return () => clearTimeout(timer);
    // the rotation is fully described by its query string
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [current, rotationKey, navigate]);

  if (!current) return <Navigate to="/screens" replace />;
  const Body = BODIES[current];
  return (
    <ConfigProvider
      theme={{ algorithm: theme.darkAlgorithm, token: { colorBgContainer: 'rgba(9, 30, 66, 0.6)' } }}
    >
      <div className={styles.viewport} data-testid="big-screen-viewport">
        <div
          className={styles.canvas}
          style={{ transform: `translate(${fit.x}px, ${fit.y}px) scale(${fit.scale})` }}
          data-testid="big-screen"
          data-screen-key={current}
          data-design-size={`${DESIGN_WIDTH}x${DESIGN_HEIGHT}`}
        >
          <header className={styles.header}>
            <div className={styles.tenant}>
              <Tooltip title={t('screens.back')}>
                <Button
                  type="text"
                  icon={<LeftOutlined />}
                  onClick={() => void navigate(`/screens${rotationSearch([], 0, siteOf(params))}`)}
                  data-testid="screen-back"
                />
              </Tooltip>
              <span data-testid="screen-tenant">{me.data?.tenant.name}</span>
              {site && (
                <span className={styles.site} data-testid="screen-site">
                  {site.name}
                </span>
              )}
            </div>
            <div className={styles.title} data-testid="screen-title">
              {t(`screens.names.${current}`)}
            </div>
            <div className={styles.right}>
              {rotation && (
                <span className={styles.muted} data-testid="screen-rotation">
                  {t('screens.rotating', {
                    position: rotation.keys.indexOf(current) + 1,
                    count: rotation.keys.length,
                    seconds: rotation.intervalS,
                  })}
                </span>
              )}
              <Clock />
              <Tooltip
                title={fullscreen.isFullscreen ? t('screens.exitFullscreen') : t('screens.fullscreen')}
              >
                <Button
                  type="text"
                  size="large"
                  icon={fullscreen.isFullscreen ? <FullscreenExitOutlined /> : <FullscreenOutlined />}
                  onClick={fullscreen.toggle}
                  data-testid="screen-fullscreen"
                />
              </Tooltip>
            </div>
          </header>
          <main className={styles.body}>
            <Suspense fallback={<Spin size="large" style={{ display: 'block', marginTop: 300 }} />}>
              <Body key={current} />
            </Suspense>
          </main>
        </div>
      </div>
    </ConfigProvider>
  );
}
