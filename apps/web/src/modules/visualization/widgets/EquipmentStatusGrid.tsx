import { useEffect, useMemo, useRef, useState } from 'react';
import { Empty, Spin } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import {
  gridLayout,
  itemAt,
  OTHER_FILL,
  STATE_FILL,
  stateBucket,
  type GridItem,
  type GridLayout,
} from './equipment-grid-layout.ts';
import { useEquipmentGrid } from './use-equipment-grid.ts';

const GAP = 2;

/** The code as it fits the cell, cut with an ellipsis when it does not. */
function fitText(c: CanvasRenderingContext2D, text: string, width: number): string {
  if (c.measureText(text).width <= width) return text;
  let n = text.length - 1;
  while (n > 1 && c.measureText(`${text.slice(0, n)}…`).width > width) n--;
  return `${text.slice(0, n)}…`;
}

function draw(
  canvas: HTMLCanvasElement,
  items: GridItem[],
  layout: GridLayout,
  width: number,
  height: number,
) {
  const ratio = window.devicePixelRatio || 1;
  canvas.width = Math.round(width * ratio);
  canvas.height = Math.round(height * ratio);
  const c = canvas.getContext('2d');
  if (!c) return;
  c.setTransform(ratio, 0, 0, ratio, 0, 0);
  c.clearRect(0, 0, width, height);
  const size = Math.max(1, layout.cell - GAP);
  const isLabelled = size >= 44;
  c.font = `${Math.min(14, Math.floor(size / 4))}px sans-serif`;
  c.textAlign = 'center';
  c.textBaseline = 'middle';
  items.forEach((e, i) => {
    const x = (i % layout.columns) * layout.cell;
    const y = Math.floor(i / layout.columns) * layout.cell;
    c.fillStyle = STATE_FILL[stateBucket(e)] ?? OTHER_FILL;
    c.fillRect(x, y, size, size);
    if (!isLabelled) return;
    c.fillStyle = '#f0f0f0';
    c.fillText(fitText(c, e.code, size - 6), x + size / 2, y + size / 2);
  });
}

/**
 * The running state of every piece of equipment as one canvas of coloured cells (1,000+ stay one draw, not
 * 1,000 components). Hover names the machine and its state; a click opens it in the equipment list.
 */
export function EquipmentStatusGrid(props: { height: number; siteId?: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { items, isLive, isLoading } = useEquipmentGrid(props.siteId);
  const boxRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const [width, setWidth] = useState(0);
  const [hover, setHover] = useState<{ index: number; x: number; y: number } | null>(null);

  useEffect(() => {
    const box = boxRef.current;
    if (!box) return;
    const observer = new ResizeObserver(() => setWidth(box.clientWidth));
    observer.observe(box);
    setWidth(box.clientWidth);
    return () => observer.disconnect();
  }, []);

  const layout = useMemo(
    () => gridLayout(items.length, width, props.height),
    [items.length, width, props.height],
  );
  useEffect(() => {
    if (canvasRef.current && width > 0) draw(canvasRef.current, items, layout, width, props.height);
  }, [items, layout, width, props.height]);

  const counts = useMemo(() => {
    const out = new Map<string, number>();
    for (const e of items) out.set(stateBucket(e), (out.get(stateBucket(e)) ?? 0) + 1);
    return out;
  }, [items]);
  const stateLabel = (bucket: string) =>
    bucket in STATE_FILL ? t(`screens.equipmentState.${bucket}`) : bucket;
  const hovered = hover ? items[hover.index] : undefined;
  const pointer = (e: React.MouseEvent<HTMLCanvasElement>) => {
    const rect = e.currentTarget.getBoundingClientRect();
    // the big screens scale their canvas with a CSS transform: map back to unscaled pixels
    const scale = rect.width / (width || rect.width);
    const x = (e.clientX - rect.left) / scale;
    const y = (e.clientY - rect.top) / scale;
    return { index: itemAt(layout, items.length, x, y), x, y };
  };

  if (!isLoading && items.length === 0)
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('screens.noEquipment')} />;
  return (
    <Spin spinning={isLoading}>
      <div
        ref={boxRef}
        style={{ position: 'relative', width: '100%', height: props.height }}
        data-testid="equipment-status-grid"
        data-count={items.length}
        data-live={isLive}
        data-running={counts.get('running') ?? 0}
      >
        <canvas
          ref={canvasRef}
          style={{ width, height: props.height, cursor: hovered ? 'pointer' : 'default', display: 'block' }}
          onMouseMove={(e) => {
            const p = pointer(e);
            setHover(p.index >= 0 ? p : null);
          }}
          onMouseLeave={() => setHover(null)}
          onClick={(e) => {
            const item = items[pointer(e).index];
            if (item) void navigate(`/modeling/equipment?q=${encodeURIComponent(item.code)}`);
          }}
        />
        {hovered && hover && (
          <div
            data-testid="equipment-status-tooltip"
            style={{
              position: 'absolute',
              left: Math.min(hover.x + 12, Math.max(0, width - 220)),
              top: hover.y + 12,
              pointerEvents: 'none',
              background: 'rgba(0, 0, 0, 0.85)',
              color: '#fff',
              padding: '4px 8px',
              borderRadius: 4,
              fontSize: 13,
              whiteSpace: 'nowrap',
              zIndex: 2,
            }}
          >
            {hovered.code} {hovered.name} · {stateLabel(stateBucket(hovered))}
          </div>
        )}
      </div>
    </Spin>
  );
}
