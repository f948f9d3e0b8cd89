import { Descriptions, Popover } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../../../shared/lib/format.ts';
import type { PlantState } from '../hooks/use-plant-states.ts';
import { stateColor } from '../state-colors.ts';
import { stateLabel, type CanvasMarker } from './PlantLayoutCanvas.tsx';

/**
 * A clicked marker's machine at a glance — code, name, current state and when it was reported — from what
 * the view already holds: on a TV, whose link may call none of the live drawer's endpoints. `x`/`y`: where
 * it was clicked, within the canvas's box.
 */
export function MarkerPopover(props: {
  marker: CanvasMarker;
  state: PlantState | undefined;
  x: number;
  y: number;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { marker, state } = props;
  const content = (
    <Descriptions
      size="small"
      column={1}
      style={{ width: 260 }}
      data-testid="plant-marker-popover"
      items={[
        { key: 'code', label: t('plantLayout.popover.code'), children: marker.equipmentCode },
        { key: 'name', label: t('plantLayout.popover.name'), children: marker.equipmentName },
        {
          key: 'state',
          label: t('plantLayout.popover.state'),
          children: (
            <span data-testid="plant-marker-popover-state">
              <span
                style={{
                  display: 'inline-block',
                  width: 10,
                  height: 10,
                  borderRadius: 5,
                  marginRight: 6,
                  background: stateColor(state?.state),
                }}
              />
              {stateLabel(t, state?.state)}
              {state?.isStale && ` · ${t('plantLayout.popover.stale')}`}
            </span>
          ),
        },
        {
          key: 'at',
          label: t('plantLayout.popover.reportedAt'),
          children: formatDateTime(state?.ts ? new Date(state.ts).toISOString() : null),
        },
      ]}
    />
  );
  return (
    <Popover
      open
      trigger="click"
      placement="top"
      content={content}
      onOpenChange={(isOpen) => !isOpen && props.onClose()}
    >
      <span style={{ position: 'absolute', left: props.x, top: props.y, width: 1, height: 1 }} />
    </Popover>
  );
}
