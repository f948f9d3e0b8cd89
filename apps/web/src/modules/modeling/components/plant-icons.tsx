import type { ReactNode } from 'react';
import {
  AppstoreOutlined,
  BankOutlined,
  ControlOutlined,
  NodeIndexOutlined,
  ToolOutlined,
} from '@ant-design/icons';
import type { PlantNodeKind } from '@greenmes/contracts';

export const PLANT_KIND_ICON: Record<PlantNodeKind, ReactNode> = {
  site: <BankOutlined style={{ color: '#389e0d' }} />,
  area: <AppstoreOutlined style={{ color: '#1677ff' }} />,
  line: <NodeIndexOutlined style={{ color: '#722ed1' }} />,
  work_center: <ControlOutlined style={{ color: '#d46b08' }} />,
};

export const EQUIPMENT_STATUS_COLOR: Record<string, string> = {
  in_service: '#52c41a',
  standby: '#1677ff',
  under_maintenance: '#faad14',
  decommissioned: '#8c8c8c',
};

export function EquipmentIcon({ status }: { status: string }) {
  return <ToolOutlined style={{ color: EQUIPMENT_STATUS_COLOR[status] ?? '#8c8c8c' }} />;
}
