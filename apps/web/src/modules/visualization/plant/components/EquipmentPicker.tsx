import { useMemo, useState } from 'react';
import { Input, Typography } from 'antd';
import { CheckOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { EQUIPMENT_DRAG_TYPE } from './PlantLayoutCanvas.tsx';

/** rows drawn at once; a search narrows a big plant down */
const MAX_ROWS = 200;

/**
 * The equipment a layout can show, searchable by code or name: drag a row onto the plan, or click it and
 * then click the plan. Placed equipment is ticked (placing it again moves its marker).
 */
export function EquipmentPicker(props: {
  equipment: Array<{ id: string; code: string; name: string }>;
  placed: ReadonlySet<string>;
  pickedId: string | null;
  onPick: (equipmentId: string) => void;
}) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const matches = useMemo(() => {
    const q = search.trim().toLowerCase();
    return q
      ? props.equipment.filter((e) => e.code.toLowerCase().includes(q) || e.name.toLowerCase().includes(q))
      : props.equipment;
  }, [props.equipment, search]);
  return (
    <div>
      <Input.Search
        allowClear
        placeholder={t('plantLayout.searchEquipment')}
        value={search}
        onChange={(e) => setSearch(e.target.value)}
        data-testid="plant-equipment-search"
      />
      <Typography.Text type="secondary" style={{ display: 'block', margin: '8px 0' }}>
        {t('plantLayout.placedCount', { placed: props.placed.size, total: props.equipment.length })}
      </Typography.Text>
      <div style={{ maxHeight: 520, overflowY: 'auto' }}>
        {matches.slice(0, MAX_ROWS).map((e) => {
          const isPicked = props.pickedId === e.id;
          return (
            <div
              key={e.id}
              draggable
              onDragStart={(ev) => {
                ev.dataTransfer.setData(EQUIPMENT_DRAG_TYPE, e.id);
                ev.dataTransfer.effectAllowed = 'copy';
              }}
              onClick={() => props.onPick(e.id)}
              data-testid={`plant-equipment-${e.code}`}
              style={{
                padding: '4px 8px',
                marginBottom: 2,
                cursor: 'grab',
                borderRadius: 4,
                background: isPicked ? '#e6f4ff' : '#fafafa',
                border: `1px solid ${isPicked ? '#1677ff' : '#f0f0f0'}`,
              }}
            >
              {props.placed.has(e.id) && <CheckOutlined style={{ color: '#52c41a', marginRight: 6 }} />}
              <Typography.Text strong>{e.code}</Typography.Text> <Typography.Text>{e.name}</Typography.Text>
            </div>
          );
        })}
        {matches.length > MAX_ROWS && (
          <Typography.Text type="secondary">
            {t('plantLayout.moreEquipment', { count: matches.length - MAX_ROWS })}
          </Typography.Text>
        )}
      </div>
    </div>
  );
}
