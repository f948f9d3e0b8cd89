/** What other web modules may use from telemetry. */
export { EquipmentLiveDrawer } from './components/EquipmentLiveDrawer.tsx';
export { EquipmentStateTag } from './components/EquipmentStateTag.tsx';
export { LiveStatusTag } from './components/LiveStatusTag.tsx';
export { useEquipmentStates } from './hooks/use-equipment-states.ts';
