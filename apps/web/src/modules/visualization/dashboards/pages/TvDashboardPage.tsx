import { useEffect, useState } from 'react';
import { useParams } from 'react-router-dom';
import { Result, Spin } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../../../api/api-error.ts';
import { setApiBearer } from '../../../../api/client.ts';
import { liveClient } from '../../../../shared/lib/live-client.ts';
import { dashboardsApi } from '../api/dashboards-api.ts';
import { DashboardGrid } from '../components/DashboardGrid.tsx';
import styles from './tv-dashboard.module.css';

const REFRESH_MS = 15_000;

/**
 * A dashboard on a shop-floor TV, by its link's token and without login: dark, full screen. Metric widgets
 * and the alarm list follow the live WebSocket (the token authenticates it too); the rest, and everything
 * while the socket is down, refreshes every 15 s. A revoked or expired link says so instead of going to login.
 */
export function TvDashboardPage() {
  const { token } = useParams<{ token: string }>();
  const { t } = useTranslation();
  const [hasToken, setHasToken] = useState(false);
  useEffect(() => {
    setApiBearer(token ?? null);
    liveClient.setToken(token ?? null);
    setHasToken(true);
    return () => {
      setApiBearer(null);
      liveClient.setToken(null);
    };
  }, [token]);
  const dashboard = useQuery({
    queryKey: ['dashboards', 'tv', token],
    queryFn: ({ signal }) => dashboardsApi.tvDashboard(signal),
    enabled: hasToken,
    refetchInterval: REFRESH_MS,
    retry: false,
  });
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), 1000);
    return () => clearInterval(timer);
  }, []);

  if (dashboard.isError)
    return (
      <div className={styles.page} data-testid="tv-invalid">
        <Result
          status="403"
          title={<span className={styles.text}>{t('dashboards.tvInvalid')}</span>}
          subTitle={
            <span className={styles.muted}>
              {isApiError(dashboard.error) && dashboard.error.status === 401
                ? t('dashboards.tvInvalidHelp')
                : dashboard.error.message}
            </span>
          }
        />
      </div>
    );
  if (!dashboard.data)
    return (
      <div className={styles.page}>
        <Spin />
      </div>
    );
  const d = dashboard.data;
  return (
    <div className={styles.page} data-testid="tv-dashboard">
      <header className={styles.header}>
        <span className={styles.title} data-testid="tv-dashboard-name">
          {d.name}
        </span>
        <span className={styles.clock}>{now.toLocaleString()}</span>
      </header>
      <DashboardGrid
        widgets={d.widgets}
        isDark
        mode={{ kind: 'view', dashboardId: d.id, live: true, refreshMs: REFRESH_MS, isTv: true }}
      />
    </div>
  );
}
