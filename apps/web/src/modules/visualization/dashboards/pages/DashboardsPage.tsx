import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { App, Button, Input, Modal, Popconfirm, Select, Space, Table, Tag, Typography, Upload } from 'antd';
import {
  DeleteOutlined,
  ExportOutlined,
  ImportOutlined,
  PlusOutlined,
  ShareAltOutlined,
} from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { TDashboardSummary } from '@greenmes/contracts';
import { PageCard } from '../../../../shared/components/PageCard.tsx';
import { useNotifyError } from '../../../../shared/hooks/use-notify-error.ts';
import { tablePagination, useListQueryState } from '../../../../shared/hooks/use-list-query-state.ts';
import { formatDateTime } from '../../../../shared/lib/format.ts';
import { useCan } from '../../../platform/hooks/use-me.ts';
import { useRoles } from '../../../platform/hooks/use-platform-queries.ts';
import { dashboardsApi } from '../api/dashboards-api.ts';
import { useDashboards, useInvalidateDashboards } from '../hooks/use-dashboard-queries.ts';
import { downloadDashboardFile } from '../lib/export-file.ts';

/** The dashboards the user may see: search, open, build, import and export as JSON, share with roles. */
export function DashboardsPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const invalidate = useInvalidateDashboards();
  const canManage = useCan('visualization.dashboard.manage');
  const canReadRoles = useCan('platform.role.read');
  const roles = useRoles({ enabled: canReadRoles });
  const { query, setFilter, setPage } = useListQueryState<{ q?: string }>({});
  const list = useDashboards(query);
  const [sharing, setSharing] = useState<{ id: string; roleIds: string[] } | null>(null);

  const remove = useMutation({
    mutationFn: (id: string) => dashboardsApi.delete(id),
    onSuccess: () => {
      void message.success(t('dashboards.deleted'));
      void invalidate();
    },
    onError: (e) => notifyError(e),
  });
  const importFile = useMutation({
    mutationFn: async (file: File) => dashboardsApi.importFile(JSON.parse(await file.text()) as unknown),
    onSuccess: (d) => {
      void message.success(t('dashboards.imported', { name: d.name }));
      void invalidate();
    },
    onError: (e) => notifyError(e, t('dashboards.importFailed')),
  });
  const share = useMutation({
    mutationFn: async (s: { id: string; roleIds: string[] }) => {
      const d = await dashboardsApi.get(s.id);
      return dashboardsApi.update(d.id, {
        name: d.name,
        description: d.description,
        widgets: d.widgets,
        sharedRoleIds: s.roleIds,
        version: d.version,
      });
    },
    onSuccess: () => {
      setSharing(null);
      void message.success(t('dashboards.shared'));
      void invalidate();
    },
    onError: (e) => notifyError(e),
  });
  const roleName = (id: string) => roles.data?.find((r) => r.id === id)?.name ?? t('dashboards.roleHidden');

  return (
    <PageCard
      title={t('dashboards.menu')}
      testId="dashboards-page"
      extra={
        canManage && (
          <Space>
            <Upload
              accept="application/json,.json"
              showUploadList={false}
              beforeUpload={(file) => {
                importFile.mutate(file);
                return false;
              }}
            >
              <Button icon={<ImportOutlined />} loading={importFile.isPending} data-testid="dashboard-import">
                {t('dashboards.import')}
              </Button>
            </Upload>
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => void navigate('/visualization/dashboards/new')}
              data-testid="dashboard-create"
            >
              {t('dashboards.create')}
            </Button>
          </Space>
        )
      }
      filters={
        <Input.Search
          allowClear
          placeholder={t('dashboards.search')}
          style={{ width: 280 }}
          onSearch={(q) => setFilter('q', q || undefined)}
          data-testid="dashboard-search"
        />
      }
    >
      <Table<TDashboardSummary>
        rowKey="id"
        loading={list.isFetching}
        dataSource={list.data?.items}
        locale={{ emptyText: t('dashboards.empty') }}
        pagination={tablePagination({ ...query, total: list.data?.total, onChange: setPage, t })}
        columns={[
          {
            title: t('common.name'),
            dataIndex: 'name',
            render: (name: string, d) => (
              <Link to={`/visualization/dashboards/${d.id}`} data-testid={`dashboard-open-${name}`}>
                {name}
              </Link>
            ),
          },
          {
            title: t('common.description'),
            dataIndex: 'description',
            render: (v: string | null) => v ?? '—',
          },
          { title: t('dashboards.widgetCount'), dataIndex: 'widgetCount', width: 90 },
          { title: t('dashboards.owner'), dataIndex: 'ownerName', render: (v: string | null) => v ?? '—' },
          {
            title: t('dashboards.sharedWith'),
            dataIndex: 'sharedRoleIds',
            render: (ids: string[]) =>
              ids.length ? (
                ids.map((id) => <Tag key={id}>{roleName(id)}</Tag>)
              ) : (
                <Typography.Text type="secondary">{t('dashboards.private')}</Typography.Text>
              ),
          },
          { title: t('dashboards.updatedAt'), dataIndex: 'updatedAt', render: formatDateTime },
          {
            title: t('common.actions'),
            key: 'actions',
            render: (_: unknown, d) => (
              <Space size="small">
                <Button
                  size="small"
                  icon={<ExportOutlined />}
                  onClick={() => dashboardsApi.exportFile(d.id).then(downloadDashboardFile, notifyError)}
                >
                  {t('dashboards.export')}
                </Button>
                {d.canManage && (
                  <>
                    <Button
                      size="small"
                      icon={<ShareAltOutlined />}
                      onClick={() => setSharing({ id: d.id, roleIds: d.sharedRoleIds })}
                    >
                      {t('dashboards.share')}
                    </Button>
                    <Popconfirm
                      title={t('dashboards.confirmDelete', { name: d.name })}
                      onConfirm={() => remove.mutate(d.id)}
                    >
                      <Button size="small" danger icon={<DeleteOutlined />} />
                    </Popconfirm>
                  </>
                )}
              </Space>
            ),
          },
        ]}
      />
      <Modal
        open={!!sharing}
        title={t('dashboards.shareTitle')}
        onCancel={() => setSharing(null)}
        onOk={() => sharing && share.mutate(sharing)}
        confirmLoading={share.isPending}
      >
        <Typography.Paragraph type="secondary">{t('dashboards.shareHelp')}</Typography.Paragraph>
        <Select
          mode="multiple"
          style={{ width: '100%' }}
          value={sharing?.roleIds}
          disabled={!canReadRoles}
          placeholder={canReadRoles ? t('dashboards.shareRoles') : t('dashboards.shareNoRoles')}
          options={(roles.data ?? []).map((r) => ({ value: r.id, label: r.name }))}
          onChange={(roleIds: string[]) => sharing && setSharing({ ...sharing, roleIds })}
        />
      </Modal>
    </PageCard>
  );
}
