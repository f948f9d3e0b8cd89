import { useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { App, Button, Card, Input, Result, Space, Spin, Tooltip } from 'antd';
import { SaveOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { WIDGET_TYPES, type TDashboard, type TWidget, type WidgetType } from '@greenmes/contracts';
import { useNotifyError } from '../../../../shared/hooks/use-notify-error.ts';
import { dashboardsApi } from '../api/dashboards-api.ts';
import { DashboardGrid } from '../components/DashboardGrid.tsx';
import { WidgetConfigDrawer } from '../components/WidgetConfigDrawer.tsx';
import { dashboardKeys, useDashboard } from '../hooks/use-dashboard-queries.ts';
import { useUnsavedChangesGuard } from '../hooks/use-unsaved-changes-guard.ts';
import { needsConfig, newWidget } from '../lib/widget-catalogue.ts';

interface Draft {
  name: string;
  description: string;
  widgets: TWidget[];
}
const draftOf = (d: TDashboard | undefined): Draft => ({
  name: d?.name ?? '',
  description: d?.description ?? '',
  widgets: d?.widgets ?? [],
});

/** Builds a dashboard: a palette of widget types, the grid to drag and resize them on, a drawer per widget. */
export function DashboardBuilderPage() {
  const { id } = useParams<{ id: string }>();
  const loaded = useDashboard(id);
  if (id && loaded.isLoading) return <Spin />;
  if (id && loaded.isError) return <Result status="404" title={loaded.error.message} />;
  return <Builder key={loaded.data?.version ?? 'new'} dashboard={loaded.data} />;
}

function Builder({ dashboard }: { dashboard: TDashboard | undefined }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<Draft>(() => draftOf(dashboard));
  const [configuring, setConfiguring] = useState<string | null>(null);
  const isDirty = JSON.stringify(draft) !== JSON.stringify(draftOf(dashboard));

  // Cancel, the menu, the back button, reload and close all ask first while there are unsaved changes
  const guard = useUnsavedChangesGuard({ isDirty });

  const save = useMutation({
    mutationFn: () => {
      const body = {
        name: draft.name.trim(),
        description: draft.description.trim() || null,
        widgets: draft.widgets,
        sharedRoleIds: dashboard?.sharedRoleIds ?? [],
      };
      return dashboard
        ? dashboardsApi.update(dashboard.id, { ...body, version: dashboard.version })
        : dashboardsApi.create(body);
    },
    onSuccess: (saved) => {
      queryClient.setQueryData(dashboardKeys.one(saved.id), saved);
      void queryClient.invalidateQueries({ queryKey: ['dashboards', 'list'] });
      void message.success(t('dashboards.saved'));
      guard.markSaved();
      void navigate(`/visualization/dashboards/${saved.id}`);
    },
    onError: (e) => notifyError(e),
  });

  const add = (type: WidgetType) => {
    const widget = newWidget(type, draft.widgets);
    setDraft((d) => ({ ...d, widgets: [...d.widgets, widget] }));
    if (needsConfig(widget)) setConfiguring(widget.id);
  };
  const cancel = () =>
    void navigate(dashboard ? `/visualization/dashboards/${dashboard.id}` : '/visualization/dashboards');
  const incomplete = draft.widgets.filter(needsConfig);

  return (
    <Card
      data-testid="dashboard-builder"
      title={
        <Space wrap>
          <Input
            value={draft.name}
            placeholder={t('dashboards.namePlaceholder')}
            maxLength={100}
            onChange={(e) => setDraft({ ...draft, name: e.target.value })}
            style={{ width: 260 }}
            data-testid="dashboard-name"
          />
          <Input
            value={draft.description}
            placeholder={t('dashboards.descriptionPlaceholder')}
            maxLength={500}
            onChange={(e) => setDraft({ ...draft, description: e.target.value })}
            style={{ width: 320 }}
          />
        </Space>
      }
      extra={
        <Space>
          <Button onClick={cancel} data-testid="dashboard-cancel">
            {t('common.cancel')}
          </Button>
          <Tooltip
            title={incomplete.length ? t('dashboards.incomplete', { count: incomplete.length }) : undefined}
          >
            <Button
              type="primary"
              icon={<SaveOutlined />}
              loading={save.isPending}
              disabled={!draft.name.trim() || incomplete.length > 0 || !isDirty}
              onClick={() => save.mutate()}
              data-testid="dashboard-save"
            >
              {t('common.save')}
            </Button>
          </Tooltip>
        </Space>
      }
    >
      <Space wrap style={{ marginBottom: 12 }} data-testid="widget-palette">
        {WIDGET_TYPES.map((type) => (
          <Button key={type} size="small" onClick={() => add(type)} data-testid={`palette-${type}`}>
            + {t(`dashboards.types.${type}`)}
          </Button>
        ))}
      </Space>
      {draft.widgets.length === 0 ? (
        <Result status="info" title={t('dashboards.emptyBuilder')} />
      ) : (
        <div style={{ background: '#f5f5f5', borderRadius: 8, minHeight: 300 }}>
          <DashboardGrid
            widgets={draft.widgets}
            mode={{
              kind: 'edit',
              onLayout: (widgets) => setDraft((d) => ({ ...d, widgets })),
              onConfigure: setConfiguring,
              onRemove: (wid) => setDraft((d) => ({ ...d, widgets: d.widgets.filter((w) => w.id !== wid) })),
            }}
          />
        </div>
      )}
      <WidgetConfigDrawer
        widget={draft.widgets.find((w) => w.id === configuring) ?? null}
        onClose={() => setConfiguring(null)}
        onApply={(widget) => {
          setDraft((d) => ({ ...d, widgets: d.widgets.map((w) => (w.id === widget.id ? widget : w)) }));
          setConfiguring(null);
        }}
      />
    </Card>
  );
}
