import type { Factory } from './factory.ts';

export interface SensorReading {
  area: 'PT' | 'UT' | 'GY-SITE';
  device: string;
  values: Record<string, number | boolean>;
}

const r2 = (v: number) => Math.round(v * 100) / 100;

/** Utility and environmental sensors as the MQTT devices report them (keys documented in README). */
export function sensorReadings(f: Factory): SensorReading[] {
  const u = f.utilities;
  const e = f.environment;
  return [
    {
      area: 'UT',
      device: 'FM-GAS-MAIN',
      values: { gas_flow_m3h: r2(u.boilerGasM3h + u.ovenGasM3h), gas_total_m3: r2(u.gasTotalM3) },
    },
    { area: 'PT', device: 'FM-GAS-OVN', values: { gas_flow_m3h: r2(u.ovenGasM3h) } },
    {
      area: 'UT',
      device: 'FM-WATER-MAIN',
      values: { water_flow_m3h: r2(u.waterFlowM3h), water_total_m3: r2(u.waterTotalM3) },
    },
    {
      area: 'UT',
      device: 'FM-STEAM-01',
      values: {
        steam_flow_th: r2(u.steamFlowTh),
        steam_total_t: r2(u.steamTotalT),
        steam_pressure_mpa: r2(u.steamPressureMpa),
      },
    },
    {
      area: 'UT',
      device: 'FM-AIR-01',
      values: {
        air_flow_m3min: r2(u.airFlowM3min),
        air_total_m3: r2(u.airTotalM3),
        air_pressure_bar: r2(u.airPressureBar),
      },
    },
    {
      area: 'UT',
      device: 'BLR-01',
      values: {
        is_firing: u.isBoilerFiring,
        gas_flow_m3h: r2(u.boilerGasM3h),
        steam_flow_th: r2(u.steamFlowTh),
        steam_pressure_mpa: r2(u.steamPressureMpa),
        flue_temp_c: r2(u.flueTempC),
      },
    },
    {
      area: 'UT',
      device: 'CEMS-01',
      values: {
        so2_mgm3: r2(e.so2MgM3),
        nox_mgm3: r2(e.noxMgM3),
        pm_mgm3: r2(e.pmMgM3),
        o2_pct: r2(e.o2Pct),
        flue_flow_m3h: r2(e.flueFlowM3h),
      },
    },
    {
      area: 'UT',
      device: 'WW-01',
      values: { cod_mgl: r2(e.codMgL), ph: r2(e.ph), flow_m3h: r2(e.wasteWaterM3h) },
    },
    { area: 'GY-SITE', device: 'NOISE-01', values: { noise_dba: r2(e.noiseDba) } },
  ];
}
