import {
  useEffect,
  useMemo,
  useRef,
  useState,
  type DragEvent,
  type MouseEvent,
  type PointerEvent,
} from 'react';
import { useTranslation } from 'react-i18next';
import { plantLayoutsApi } from '../api/plant-layouts-api.ts';
import type { PlantState } from '../hooks/use-plant-states.ts';
import { stateColor } from '../state-colors.ts';

export interface CanvasMarker {
  equipmentId: string;
  x: number;
  y: number;
  label: string | null;
  equipmentCode: string;
  equipmentName: string;
}

/** the drawing's size when no plan is uploaded yet: markers still have somewhere to go */
const EMPTY_PLAN = { width: 1600, height: 1000 };
/** beyond this many markers the names would cover the plan: they show on hover only */
const MAX_VISIBLE_LABELS = 300;
export const EQUIPMENT_DRAG_TYPE = 'application/x-greenmes-equipment';

export interface CanvasEditing {
  selectedId: string | null;
  onSelect: (equipmentId: string | null) => void;
  onMove: (equipmentId: string, x: number, y: number) => void;
  /** an equipment dropped from the list, or placed by clicking while one is picked */
  onPlace: (equipmentId: string, x: number, y: number) => void;
  /** picked in the list: the next click on the plan places it */
  pickedId: string | null;
}

const clamp = (v: number) => Math.min(1, Math.max(0, v));
/** a pointer that moves less than this between down and up clicked rather than panned */
const PAN_SLOP_PX = 4;
const MAX_ZOOM = 20;

/**
 * A floor plan with equipment markers as plain SVG (one circle per marker, events delegated to the root),
 * so a thousand markers stay cheap to draw and to recolour. Viewing colours them by state and reports a
 * click; editing adds dragging markers, dropping equipment from a list and click-to-place. The wheel zooms
 * around the pointer, dragging the plan pans it, a double click shows it whole again.
 */
export function PlantLayoutCanvas(props: {
  layout: {
    id: string;
    version: number;
    width: number | null;
    height: number | null;
    backgroundType: string | null;
  };
  markers: CanvasMarker[];
  states?: ReadonlyMap<string, PlantState>;
  height: number;
  /** `at`: where it was clicked (client coordinates), for a popover beside the marker */
  onMarkerClick?: (marker: CanvasMarker, at: { clientX: number; clientY: number }) => void;
  editing?: CanvasEditing;
}) {
  const { t } = useTranslation();
  const { layout, markers, states, editing } = props;
  const svgRef = useRef<SVGSVGElement>(null);
  const [dragging, setDragging] = useState<string | null>(null);
  const [hovered, setHovered] = useState<string | null>(null);
  const width = layout.width ?? EMPTY_PLAN.width;
  const height = layout.height ?? EMPTY_PLAN.height;
  const radius = Math.max(width, height) / 160;
  const byId = useMemo(() => new Map(markers.map((m) => [m.equipmentId, m])), [markers]);
  const backgroundUrl = useBackgroundUrl(layout);
  const [view, setView] = useState({ x: 0, y: 0, w: width, h: height });
  const pan = useRef<{ clientX: number; clientY: number; view: typeof view; moved: boolean } | null>(null);
  const didPan = useRef(false);
  // a new plan of another size starts whole
  useEffect(() => setView({ x: 0, y: 0, w: width, h: height }), [width, height]);
  // React's wheel listener is passive: a native one may keep the page from scrolling while zooming
  useEffect(() => {
    const svg = svgRef.current!;
    const onWheel = (e: WheelEvent) => {
      e.preventDefault();
      const matrix = svg.getScreenCTM();
      if (!matrix) return;
      const at = new DOMPoint(e.clientX, e.clientY).matrixTransform(matrix.inverse());
      setView((v) => {
        const factor = e.deltaY > 0 ? 1.2 : 1 / 1.2;
        const w = Math.min(width, Math.max(width / MAX_ZOOM, v.w * factor));
        const k = w / v.w;
        const h = v.h * k;
        return { x: at.x - (at.x - v.x) * k, y: at.y - (at.y - v.y) * k, w, h };
      });
    };
    svg.addEventListener('wheel', onWheel, { passive: false });
    return () => svg.removeEventListener('wheel', onWheel);
  }, [width]);

  /** where a pointer is, as fractions of the image */
  const toPlan = (clientX: number, clientY: number) => {
    const svg = svgRef.current!;
    const matrix = svg.getScreenCTM();
    if (!matrix) return null;
    const point = new DOMPoint(clientX, clientY).matrixTransform(matrix.inverse());
    return { x: clamp(point.x / width), y: clamp(point.y / height) };
  };
  const markerAt = (target: EventTarget) =>
    (target as Element).closest<SVGElement>('[data-equipment-id]')?.dataset.equipmentId ?? null;

  const onPointerDown = (e: PointerEvent<SVGSVGElement>) => {
    const id = markerAt(e.target);
    didPan.current = false;
    if (!id) {
      pan.current = { clientX: e.clientX, clientY: e.clientY, view, moved: false };
      return;
    }
    if (!editing) return;
    editing.onSelect(id);
    setDragging(id);
    e.currentTarget.setPointerCapture(e.pointerId);
  };
  const onPointerMove = (e: PointerEvent<SVGSVGElement>) => {
    const start = pan.current;
    if (start) {
      const dx = e.clientX - start.clientX;
      const dy = e.clientY - start.clientY;
      if (!start.moved && Math.hypot(dx, dy) < PAN_SLOP_PX) return;
      if (!start.moved) e.currentTarget.setPointerCapture(e.pointerId);
      start.moved = true;
      // meet: the drawing is scaled by the larger of the two ratios
      const rect = e.currentTarget.getBoundingClientRect();
      const scale = Math.max(start.view.w / rect.width, start.view.h / rect.height);
      setView({ ...start.view, x: start.view.x - dx * scale, y: start.view.y - dy * scale });
      return;
    }
    if (!dragging || !editing) {
      const id = markerAt(e.target);
      if (id !== hovered) setHovered(id);
      return;
    }
    const at = toPlan(e.clientX, e.clientY);
    if (at) editing.onMove(dragging, at.x, at.y);
  };
  const onPointerUp = () => {
    didPan.current = pan.current?.moved ?? false;
    pan.current = null;
    setDragging(null);
  };
  const onClick = (e: MouseEvent<SVGSVGElement>) => {
    if (didPan.current) return;
    const id = markerAt(e.target);
    if (id) {
      if (!editing) props.onMarkerClick?.(byId.get(id)!, { clientX: e.clientX, clientY: e.clientY });
      return;
    }
    if (!editing) return;
    const at = toPlan(e.clientX, e.clientY);
    if (editing.pickedId && at) editing.onPlace(editing.pickedId, at.x, at.y);
    else editing.onSelect(null);
  };
  const onDrop = (e: DragEvent<SVGSVGElement>) => {
    const id = e.dataTransfer.getData(EQUIPMENT_DRAG_TYPE);
    const at = toPlan(e.clientX, e.clientY);
    if (!editing || !id || !at) return;
    e.preventDefault();
    editing.onPlace(id, at.x, at.y);
  };
  const showLabels = markers.length <= MAX_VISIBLE_LABELS;
  const hoveredMarker = hovered ? byId.get(hovered) : undefined;

  return (
    <div style={{ height: props.height, position: 'relative', background: '#fafafa' }}>
      <svg
        ref={svgRef}
        viewBox={`${view.x} ${view.y} ${view.w} ${view.h}`}
        preserveAspectRatio="xMidYMid meet"
        width="100%"
        height="100%"
        style={{ display: 'block', touchAction: 'none', cursor: editing?.pickedId ? 'crosshair' : undefined }}
        data-testid="plant-layout-canvas"
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onPointerLeave={() => setHovered(null)}
        onClick={onClick}
        onDoubleClick={() => setView({ x: 0, y: 0, w: width, h: height })}
        onDragOver={(e) => {
          if (editing && e.dataTransfer.types.includes(EQUIPMENT_DRAG_TYPE)) e.preventDefault();
        }}
        onDrop={onDrop}
      >
        {layout.backgroundType ? (
          backgroundUrl && <image href={backgroundUrl} width={width} height={height} />
        ) : (
          <>
            <rect width={width} height={height} fill="#fff" stroke="#d9d9d9" strokeDasharray="12 8" />
            <text x={width / 2} y={height / 2} textAnchor="middle" fontSize={radius * 3} fill="#8c8c8c">
              {t('plantLayout.noBackground')}
            </text>
          </>
        )}
        {markers.map((m) => {
          const state = states?.get(m.equipmentId);
          const isSelected = editing?.selectedId === m.equipmentId;
          return (
            <g
              key={m.equipmentId}
              data-equipment-id={m.equipmentId}
              data-testid={`plant-marker-${m.equipmentCode}`}
              data-state={state?.state ?? ''}
              transform={`translate(${m.x * width} ${m.y * height})`}
              style={{ cursor: editing ? 'move' : 'pointer' }}
              opacity={state?.isStale ? 0.5 : 1}
            >
              <circle
                r={radius}
                fill={stateColor(state?.state)}
                stroke={isSelected ? '#000' : '#fff'}
                strokeWidth={radius / (isSelected ? 2.5 : 4)}
                strokeDasharray={state?.isStale ? `${radius / 2} ${radius / 3}` : undefined}
              />
              {showLabels && (
                <text
                  y={radius * 2.4}
                  textAnchor="middle"
                  fontSize={radius * 1.2}
                  fill="#262626"
                  stroke="#fff"
                  strokeWidth={radius / 5}
                  paintOrder="stroke"
                  pointerEvents="none"
                >
                  {m.label || m.equipmentCode}
                </text>
              )}
            </g>
          );
        })}
      </svg>
      {hoveredMarker && !dragging && (
        <div
          data-testid="plant-marker-tooltip"
          style={{
            position: 'absolute',
            top: 8,
            left: 8,
            padding: '4px 8px',
            background: 'rgba(0,0,0,0.75)',
            color: '#fff',
            borderRadius: 4,
            pointerEvents: 'none',
            fontSize: 12,
          }}
        >
          {hoveredMarker.equipmentCode} · {hoveredMarker.equipmentName}
          {states && ` · ${stateLabel(t, states.get(hoveredMarker.equipmentId)?.state)}`}
        </div>
      )}
    </div>
  );
}

export function stateLabel(t: (key: string) => string, state: string | null | undefined): string {
  if (state === null || state === undefined) return t('plantLayout.legend.noState');
  return ['running', 'idle', 'setup', 'down'].includes(state) ? t(`equipmentLive.state.${state}`) : state;
}

/**
 * The plan's image as an object URL, fetched through the API client so a TV link's bearer goes along;
 * revoked when the layout's image changes or the canvas goes. Null while loading (or when it failed:
 * the markers still show).
 */
function useBackgroundUrl(layout: { id: string; version: number; backgroundType: string | null }) {
  const key = layout.backgroundType ? `${layout.id}@${layout.version}` : null;
  const [loaded, setLoaded] = useState<{ key: string; url: string } | null>(null);
  const { id, version } = layout;
  useEffect(() => {
    if (!key) return;
    const controller = new AbortController();
    let url: string | null = null;
    plantLayoutsApi.background({ id, version }, controller.signal).then(
      (blob) => {
        url = URL.createObjectURL(blob);
        setLoaded({ key, url });
      },
      () => {},
    );
    return () => {
      controller.abort();
      if (url) URL.revokeObjectURL(url);
    };
  }, [key, id, version]);
  return loaded && loaded.key === key ? loaded.url : null;
}
