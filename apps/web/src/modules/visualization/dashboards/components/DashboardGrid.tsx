import ReactGridLayout, { useContainerWidth, type Layout } from 'react-grid-layout';
import 'react-grid-layout/css/styles.css';
import { Button, Popconfirm, Spin, Tooltip, Typography } from 'antd';
import { DeleteOutlined, DragOutlined, SettingOutlined, WarningOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { GRID_COLUMNS, type TWidget } from '@greenmes/contracts';
import { errorMessage } from '../../../../shared/lib/error-message.ts';
import { useWidgetData } from '../hooks/use-widget-data.ts';
import { needsConfig } from '../lib/widget-catalogue.ts';
import { WidgetBody } from './WidgetBody.tsx';
import styles from './dashboard-grid.module.css';

export const ROW_HEIGHT = 40;
const MARGIN = 10;
const HEADER = 32;
const bodyHeight = (h: number) => h * ROW_HEIGHT + (h - 1) * MARGIN - HEADER - 12;

export type GridMode =
  | {
      kind: 'edit';
      onLayout: (widgets: TWidget[]) => void;
      onConfigure: (id: string) => void;
      onRemove: (id: string) => void;
    }
  /** `isTv`: on a TV link, whose token may call only what its widgets read */
  | { kind: 'view'; dashboardId: string; live: boolean; refreshMs: number; isTv?: boolean };

/**
 * The dashboard's 12-column grid. Editing: widgets are dragged by their header and resized from the
 * corner (react-grid-layout), and preview their data; viewing: each reads its saved data.
 */
export function DashboardGrid(props: { widgets: TWidget[]; mode: GridMode; isDark?: boolean }) {
  const { width, containerRef, mounted } = useContainerWidth();
  const { widgets, mode } = props;
  const isEditing = mode.kind === 'edit';
  const layout: Layout = widgets.map((w) => ({ i: w.id, ...w.layout }));

  const onLayoutChange = (next: Layout) => {
    if (mode.kind !== 'edit') return;
    const byId = new Map(next.map((l) => [l.i, l]));
    const changed = widgets.some((w) => {
      const l = byId.get(w.id);
      return l && (l.x !== w.layout.x || l.y !== w.layout.y || l.w !== w.layout.w || l.h !== w.layout.h);
    });
    if (!changed) return;
    mode.onLayout(
      widgets.map((w) => {
        const l = byId.get(w.id);
        return l ? { ...w, layout: { x: l.x, y: l.y, w: l.w, h: l.h } } : w;
      }),
    );
  };

  return (
    <div ref={containerRef} className={props.isDark ? styles.dark : undefined} data-testid="dashboard-grid">
      {mounted && (
        <ReactGridLayout
          width={width}
          layout={layout}
          gridConfig={{ cols: GRID_COLUMNS, rowHeight: ROW_HEIGHT, margin: [MARGIN, MARGIN] }}
          dragConfig={{ enabled: isEditing, handle: `.${styles.handle}` }}
          resizeConfig={{ enabled: isEditing, handles: ['se'] }}
          onLayoutChange={onLayoutChange}
        >
          {widgets.map((w) => (
            <div key={w.id} className={styles.widget} data-testid={`widget-${w.id}`}>
              <WidgetCell widget={w} mode={mode} isDark={!!props.isDark} />
            </div>
          ))}
        </ReactGridLayout>
      )}
    </div>
  );
}

function WidgetCell({ widget, mode, isDark }: { widget: TWidget; mode: GridMode; isDark: boolean }) {
  const { t } = useTranslation();
  const data = useWidgetData({
    widget,
    dashboardId: mode.kind === 'view' ? mode.dashboardId : null,
    live: mode.kind === 'view' && mode.live,
    refreshMs: mode.kind === 'view' ? mode.refreshMs : 60_000,
  });
  const isUnconfigured = needsConfig(widget);
  const title = widget.title || t(`dashboards.types.${widget.type}`);
  return (
    <>
      {/* a KPI card carries its own title: in view it needs no header */}
      {(mode.kind === 'edit' || widget.type !== 'kpi') && (
        <div className={`${styles.header} ${mode.kind === 'edit' ? styles.handle : ''}`}>
          {mode.kind === 'edit' && <DragOutlined className={styles.dragIcon} />}
          <Typography.Text ellipsis strong className={styles.title} data-testid={`widget-title-${widget.id}`}>
            {widget.type === 'kpi' ? '' : title}
          </Typography.Text>
          {mode.kind === 'edit' && (
            <span className={styles.tools} onMouseDown={(e) => e.stopPropagation()}>
              <Tooltip title={t('dashboards.configure')}>
                <Button
                  size="small"
                  type="text"
                  icon={<SettingOutlined />}
                  onClick={() => mode.onConfigure(widget.id)}
                  data-testid={`widget-configure-${widget.id}`}
                />
              </Tooltip>
              <Popconfirm
                title={t('dashboards.confirmRemoveWidget')}
                onConfirm={() => mode.onRemove(widget.id)}
              >
                <Button
                  size="small"
                  type="text"
                  danger
                  icon={<DeleteOutlined />}
                  data-testid={`widget-remove-${widget.id}`}
                />
              </Popconfirm>
            </span>
          )}
        </div>
      )}
      <div className={styles.body}>
        {isUnconfigured ? (
          <Typography.Text type="secondary">
            <WarningOutlined /> {t('dashboards.needsConfig')}
          </Typography.Text>
        ) : data.isError ? (
          <Typography.Text type="danger">{errorMessage(data.error, t)}</Typography.Text>
        ) : data.isLoading ? (
          <Spin />
        ) : (
          <WidgetBody
            widget={widget}
            data={data.data}
            height={bodyHeight(widget.layout.h)}
            isDark={isDark}
            dashboardId={mode.kind === 'view' ? mode.dashboardId : null}
            isTv={mode.kind === 'view' && !!mode.isTv}
          />
        )}
      </div>
    </>
  );
}
