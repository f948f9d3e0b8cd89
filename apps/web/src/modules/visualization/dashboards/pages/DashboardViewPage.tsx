import { useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { Button, Card, Empty, Result, Space, Spin, Tag, Typography } from 'antd';
import { DesktopOutlined, EditOutlined, ExportOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useNotifyError } from '../../../../shared/hooks/use-notify-error.ts';
import { dashboardsApi } from '../api/dashboards-api.ts';
import { DashboardGrid } from '../components/DashboardGrid.tsx';
import { TvLinksModal } from '../components/TvLinksModal.tsx';
import { useDashboard } from '../hooks/use-dashboard-queries.ts';
import { downloadDashboardFile } from '../lib/export-file.ts';

/** A saved dashboard: metric widgets follow the live WebSocket, the rest refresh every minute. */
export function DashboardViewPage() {
  const { id } = useParams<{ id: string }>();
  const { t } = useTranslation();
  const navigate = useNavigate();
  const notifyError = useNotifyError();
  const dashboard = useDashboard(id);
  const [isTvOpen, setTvOpen] = useState(false);
  if (dashboard.isLoading) return <Spin />;
  if (!dashboard.data)
    return <Result status="404" title={dashboard.error?.message ?? t('dashboards.notFound')} />;
  const d = dashboard.data;
  return (
    <Card
      data-testid="dashboard-view"
      title={
        <Space>
          <span data-testid="dashboard-view-name">{d.name}</span>
          {d.ownerName && <Tag>{t('dashboards.ownerIs', { name: d.ownerName })}</Tag>}
        </Space>
      }
      extra={
        <Space>
          <Button
            icon={<ExportOutlined />}
            onClick={() => dashboardsApi.exportFile(d.id).then(downloadDashboardFile, notifyError)}
          >
            {t('dashboards.export')}
          </Button>
          {d.canManage && (
            <>
              <Button
                icon={<DesktopOutlined />}
                onClick={() => setTvOpen(true)}
                data-testid="dashboard-tv-links"
              >
                {t('dashboards.tvLinks')}
              </Button>
              <Button
                type="primary"
                icon={<EditOutlined />}
                onClick={() => void navigate(`/visualization/dashboards/${d.id}/edit`)}
                data-testid="dashboard-edit"
              >
                {t('common.edit')}
              </Button>
            </>
          )}
        </Space>
      }
    >
      {d.description && <Typography.Paragraph type="secondary">{d.description}</Typography.Paragraph>}
      {d.widgets.length === 0 ? (
        <Empty description={t('dashboards.noWidgets')} />
      ) : (
        <DashboardGrid
          widgets={d.widgets}
          mode={{ kind: 'view', dashboardId: d.id, live: true, refreshMs: 60_000 }}
        />
      )}
      <TvLinksModal dashboardId={isTvOpen ? d.id : null} onClose={() => setTvOpen(false)} />
    </Card>
  );
}
