/**
 * The demo valve-and-pump factory as the simulator sees it: the equipment codes and rated powers of
 * apps/server/src/modules/demo/demo.data.ts, and the device codes of demo-devices.seed.ts.
 */
export type AreaCode = 'MC' | 'AS' | 'PT' | 'UT';

export interface MachineSpec {
  code: string;
  area: Exclude<AreaCode, 'UT'>;
  ratedKw: number;
  /** Seconds per part while running. */
  cycleS: number;
  /** OPC UA controller device code (demo-devices.seed.ts), if the cloud knows this machine as a device. */
  controller?: string;
}

export const MACHINES: readonly MachineSpec[] = [
  { code: 'CNC-T01', area: 'MC', ratedKw: 15, cycleS: 240, controller: 'PLC-CNC-T01' },
  { code: 'CNC-T02', area: 'MC', ratedKw: 15, cycleS: 240, controller: 'PLC-CNC-T02' },
  { code: 'CNC-T03', area: 'MC', ratedKw: 18.5, cycleS: 300 },
  { code: 'VMC-01', area: 'MC', ratedKw: 22, cycleS: 420, controller: 'PLC-VMC-01' },
  { code: 'VMC-02', area: 'MC', ratedKw: 26, cycleS: 480 },
  { code: 'HMC-01', area: 'MC', ratedKw: 37, cycleS: 600, controller: 'PLC-HMC-01' },
  { code: 'CNC-T04', area: 'MC', ratedKw: 22, cycleS: 360 },
  { code: 'GRD-01', area: 'MC', ratedKw: 11, cycleS: 300 },
  { code: 'BAL-01', area: 'MC', ratedKw: 5.5, cycleS: 180 },
  { code: 'AS-TST-01', area: 'AS', ratedKw: 11, cycleS: 420 },
  { code: 'AS-ROB-01', area: 'AS', ratedKw: 4, cycleS: 90 },
  { code: 'AS-TST-02', area: 'AS', ratedKw: 75, cycleS: 900 },
  { code: 'AS-WLD-01', area: 'AS', ratedKw: 12, cycleS: 240 },
  { code: 'PT-SPR-01', area: 'PT', ratedKw: 45, cycleS: 60 },
  { code: 'PT-OVN-01', area: 'PT', ratedKw: 18, cycleS: 60 },
  { code: 'PT-FAN-01', area: 'PT', ratedKw: 30, cycleS: 60 },
];

/** Electricity meters (Modbus TCP unit ids) — codes as in demo-devices.seed.ts. */
export const METERS = [
  { code: 'PM-MAIN', unitId: 1 },
  { code: 'PM-MC', unitId: 2, area: 'MC' },
  { code: 'PM-AS', unitId: 3, area: 'AS' },
  { code: 'PM-PT', unitId: 4, area: 'PT' },
  { code: 'PM-UT', unitId: 5, area: 'UT' },
] as const satisfies ReadonlyArray<{ code: string; unitId: number; area?: AreaCode }>;

export type MeterCode = (typeof METERS)[number]['code'];
