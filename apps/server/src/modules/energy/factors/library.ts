import type { EnergyMedium, EnergyUnit, TFactor } from '@greenmes/contracts';
import { unitRatio } from '../calc/units.ts';

/**
 * The built-in factor library (../shared/reference/energy-carbon-factors.md). Every factor names its source,
 * edition and year; values the reference does not print directly (derived from a printed NCV, or a mid-range
 * default) are flagged `toConfirm` and say why in the note.
 */

/** 1 kgce = 29 307 kJ (GB/T 2589). */
export const KJ_PER_KGCE = 29_307;
/** kgce per MJ of heat (GB/T 2589-2020). */
export const KGCE_PER_MJ = 0.03412;
/** 44/12: carbon to CO₂. */
export const CO2_PER_C = 44 / 12;

const GB2589 = 'GB/T 2589-2020';
const GB32151 = 'GB/T 32151 series (default fuel parameters)';

type CoalRow = [EnergyMedium, string, number, string, string | null, boolean];
/** medium, name, kgce per base unit, base unit, note, toConfirm */
const COAL: CoalRow[] = [
  ['raw_coal', '原煤 raw coal', 0.7143, 'kg', 'NCV 20 908 kJ/kg', false],
  ['washed_coal', '洗精煤 washed coal', 0.9, 'kg', 'NCV 26 344 kJ/kg', false],
  ['coke', '焦炭 coke', 0.9714, 'kg', 'NCV 28 435 kJ/kg', false],
  ['crude_oil', '原油 crude oil', 1.4286, 'kg', 'NCV 41 816 kJ/kg', false],
  ['fuel_oil', '燃料油 fuel oil', 1.4286, 'kg', 'NCV 41 816 kJ/kg', false],
  ['gasoline', '汽油 gasoline', 1.4714, 'kg', 'NCV 43 070 kJ/kg', false],
  ['kerosene', '煤油 kerosene', 1.4714, 'kg', 'NCV 43 070 kJ/kg', false],
  ['diesel', '柴油 diesel', 1.4571, 'kg', 'NCV 42 652 kJ/kg', false],
  ['lpg', '液化石油气 LPG', 1.7143, 'kg', 'NCV 50 179 kJ/kg', false],
  ['refinery_dry_gas', '炼厂干气 refinery dry gas', 1.5714, 'kg', 'NCV 46 055 kJ/kg', false],
  [
    'natural_gas',
    '天然气 natural gas',
    1.2143,
    'm3',
    'GB/T 2589 prints a range, 1.1000–1.3300 kgce/m³ (32 238–38 931 kJ/m³); 1.2143 is the customary default. Use the supplier’s measured NCV as an override where known.',
    true,
  ],
  [
    'coke_oven_gas',
    '焦炉煤气 coke-oven gas',
    0.5929,
    'm3',
    'GB/T 2589 prints a range, 0.5714–0.6143 kgce/m³; the mid-point is used. Override with the measured NCV.',
    true,
  ],
  [
    'lng',
    '液化天然气 LNG',
    51_498 / KJ_PER_KGCE,
    'kg',
    'derived from the GB/T 32151 default NCV 51.498 GJ/t',
    true,
  ],
  [
    'blast_furnace_gas',
    '高炉煤气 blast-furnace gas',
    3_300 / KJ_PER_KGCE,
    'm3',
    'derived from the GB/T 32151 default NCV 33.00 GJ/10⁴Nm³',
    true,
  ],
  [
    'converter_gas',
    '转炉煤气 converter gas',
    8_400 / KJ_PER_KGCE,
    'm3',
    'derived from the GB/T 32151 default NCV 84.00 GJ/10⁴Nm³',
    true,
  ],
  [
    'anthracite',
    '无烟煤 anthracite',
    26_700 / KJ_PER_KGCE,
    'kg',
    'derived from the GB/T 32151 default NCV 26.7 GJ/t',
    true,
  ],
  [
    'bituminous_coal',
    '烟煤 bituminous coal',
    19_570 / KJ_PER_KGCE,
    'kg',
    'derived from the GB/T 32151 default NCV 19.570 GJ/t',
    true,
  ],
  [
    'lignite',
    '褐煤 lignite',
    11_900 / KJ_PER_KGCE,
    'kg',
    'derived from the GB/T 32151 default NCV 11.9 GJ/t',
    true,
  ],
  ['electricity', '电力 electricity (equivalent value 当量值)', 0.1229, 'kWh', '3 600 kJ/kWh', false],
  ['heat', '热力 heat', KGCE_PER_MJ, 'MJ', null, false],
  [
    'steam',
    '蒸汽 steam (fallback)',
    0.1286,
    'kg',
    'the old low-pressure default, used only when no enthalpy is given; with an enthalpy: MJ × 0.03412',
    true,
  ],
  [
    'new_water',
    '新水 fresh water (energy-bearing working medium 耗能工质)',
    0.2571,
    't',
    'GB/T 2589 annex value for energy-bearing working media (7.54 MJ/t); not in the reference file — confirm against the edition used',
    true,
  ],
  [
    'compressed_air',
    '压缩空气 compressed air (耗能工质)',
    0.04,
    'm3',
    'GB/T 2589 annex value for energy-bearing working media (1.17 MJ/m³); not in the reference file — confirm against the edition used',
    true,
  ],
];

export const COAL_COEFFICIENTS: ReadonlyMap<string, TFactor> = new Map(
  COAL.map(([medium, name, value, unit, note, toConfirm]) => [
    medium,
    {
      key: `coal.${medium}@${GB2589}`,
      kind: 'coal_coefficient' as const,
      medium,
      name,
      value,
      unit: `kgce/${unit}`,
      source: GB2589,
      edition: '2020',
      year: null,
      note,
      toConfirm,
    },
  ]),
);

/** The unit a medium's library coefficient is per (kg when the library has none, e.g. hot water). */
export function baseUnitOf(medium: string): EnergyUnit {
  return (COAL_COEFFICIENTS.get(medium)?.unit.slice('kgce/'.length) ?? 'kg') as EnergyUnit;
}

/** The library coefficient of a medium per `unit`; null when the library has none or the unit does not fit. */
export function libraryKgcePer(medium: string, unit: EnergyUnit): number | null {
  const f = COAL_COEFFICIENTS.get(medium);
  const ratio = f ? unitRatio(unit, baseUnitOf(medium)) : null;
  return f && ratio !== null ? f.value * ratio : null;
}

type FuelRow = [EnergyMedium, string, 't' | '10^4Nm3', number, number, number];
/** fuel, name, NCV unit, NCV GJ per unit, carbon content tC/GJ, oxidation rate */
const FUELS: FuelRow[] = [
  ['anthracite', '无烟煤 anthracite', 't', 26.7, 0.0274, 0.94],
  ['bituminous_coal', '烟煤 bituminous coal', 't', 19.57, 0.0261, 0.93],
  ['lignite', '褐煤 lignite', 't', 11.9, 0.028, 0.96],
  ['washed_coal', '洗精煤 washed coal', 't', 26.334, 0.02541, 0.9],
  ['coke', '焦炭 coke', 't', 28.435, 0.0295, 0.93],
  ['crude_oil', '原油 crude oil', 't', 41.816, 0.0201, 0.98],
  ['fuel_oil', '燃料油 fuel oil', 't', 41.816, 0.0211, 0.98],
  ['gasoline', '汽油 gasoline', 't', 43.07, 0.0189, 0.98],
  ['diesel', '柴油 diesel', 't', 42.652, 0.0202, 0.98],
  ['kerosene', '煤油 kerosene', 't', 43.07, 0.0196, 0.98],
  ['lng', '液化天然气 LNG', 't', 51.498, 0.0153, 0.98],
  ['lpg', '液化石油气 LPG', 't', 50.179, 0.0172, 0.98],
  ['natural_gas', '天然气 natural gas', '10^4Nm3', 389.31, 0.0153, 0.99],
  ['coke_oven_gas', '焦炉煤气 coke-oven gas', '10^4Nm3', 179.81, 0.01358, 0.99],
  ['blast_furnace_gas', '高炉煤气 blast-furnace gas', '10^4Nm3', 33.0, 0.0708, 0.99],
  ['converter_gas', '转炉煤气 converter gas', '10^4Nm3', 84.0, 0.0496, 0.99],
  ['refinery_dry_gas', '炼厂干气 refinery dry gas', 't', 45.998, 0.0182, 0.99],
];

export interface CombustionDefaults {
  factor: TFactor;
  ncvUnit: 't' | '10^4Nm3';
  ncvGjPerUnit: number;
  carbonContentTcPerGj: number;
  oxidationRate: number;
}

export const COMBUSTION_DEFAULTS: ReadonlyMap<string, CombustionDefaults> = new Map(
  FUELS.map(([fuel, name, ncvUnit, ncv, cc, of]) => [
    fuel,
    {
      ncvUnit,
      ncvGjPerUnit: ncv,
      carbonContentTcPerGj: cc,
      oxidationRate: of,
      factor: {
        key: `combustion.${fuel}@GB/T 32151`,
        kind: 'combustion' as const,
        medium: fuel,
        name,
        // the emission factor per GJ it implies: CC × OF × 44/12
        value: cc * of * CO2_PER_C,
        unit: 'tCO2/GJ',
        params: { ncvGjPerUnit: ncv, carbonContentTcPerGj: cc, oxidationRate: of },
        source: GB32151,
        edition: 'GB/T 32150-2025',
        year: null,
        note: `NCV ${ncv} GJ/${ncvUnit}`,
        toConfirm: false,
      },
    },
  ]),
);

const grid = (key: string, name: string, value: number, year: number, source: string, note: string | null) =>
  ({
    key: `grid.${key}`,
    kind: 'grid' as const,
    medium: 'electricity',
    name,
    value,
    unit: 'tCO2/MWh',
    source,
    edition: String(year),
    year,
    note,
    toConfirm: false,
  }) satisfies TFactor;
const MEE_2025_47 = 'MEE & NBS, notice 2025 No. 47';
const PROVINCES: Array<[string, string, number]> = [
  ['beijing', '北京 Beijing', 0.5554],
  ['tianjin', '天津 Tianjin', 0.6796],
  ['hebei', '河北 Hebei', 0.6516],
  ['shanghai', '上海 Shanghai', 0.5737],
  ['jiangsu', '江苏 Jiangsu', 0.5827],
  ['zhejiang', '浙江 Zhejiang', 0.4974],
  ['anhui', '安徽 Anhui', 0.6553],
  ['fujian', '福建 Fujian', 0.4211],
  ['shandong', '山东 Shandong', 0.6191],
  ['henan', '河南 Henan', 0.5897],
  ['hubei', '湖北 Hubei', 0.4044],
  ['guangdong', '广东 Guangdong', 0.4419],
  ['sichuan', '四川 Sichuan', 0.1564],
  ['yunnan', '云南 Yunnan', 0.1333],
];
const REGIONS: Array<[string, string, number]> = [
  ['north', '华北 North China grid', 0.6361],
  ['northeast', '东北 Northeast China grid', 0.5122],
  ['east', '华东 East China grid', 0.55],
  ['central', '华中 Central China grid', 0.5271],
  ['northwest', '西北 Northwest China grid', 0.5543],
  ['south', '南方 China Southern grid', 0.4042],
];

export const GRID_FACTORS: ReadonlyMap<string, TFactor> = new Map(
  [
    grid(
      'mee-reporting-2023',
      '全国电网排放因子（企业温室气体排放报告口径）national, enterprise reporting convention',
      0.5703,
      2023,
      'MEE, enterprise GHG reporting (2023)',
      'still widely required for enterprise reporting; differs from the 2023 national average 0.5306',
    ),
    grid('national@2021', '全国平均 national average', 0.5568, 2021, MEE_2025_47, null),
    grid('national@2022', '全国平均 national average', 0.5366, 2022, MEE_2025_47, null),
    grid('national@2023', '全国平均 national average', 0.5306, 2023, MEE_2025_47, null),
    ...REGIONS.map(([k, n, v]) => grid(`region.${k}@2023`, n, v, 2023, MEE_2025_47, null)),
    ...PROVINCES.map(([k, n, v]) => grid(`province.${k}@2023`, n, v, 2023, MEE_2025_47, null)),
  ].map((f) => [f.key, f]),
);

export const HEAT_FACTOR: TFactor = {
  key: 'heat.default@GB/T 32150',
  kind: 'heat',
  medium: 'heat',
  name: '外购热力排放因子 purchased heat',
  value: 0.11,
  unit: 'tCO2/GJ',
  source: 'GB/T 32150-2025',
  edition: '2025',
  year: null,
  note: 'unless measured',
  toConfirm: false,
};

export const ELECTRICITY_EQUAL_VALUE: TFactor = {
  key: 'electricity.equal-value@2020',
  kind: 'electricity_equal_value',
  medium: 'electricity',
  name: '电力等价值（火电供电标准煤耗）electricity, equal value',
  value: 0.3055,
  unit: 'kgce/kWh',
  source: 'national coal consumption of thermal power supply, 2020',
  edition: '2020',
  year: 2020,
  note: 'set the year’s value per reporting year',
  toConfirm: false,
};

/** What a reporting year uses when the tenant has not chosen. */
export const YEAR_DEFAULTS = {
  gridFactorKey: 'grid.mee-reporting-2023',
  electricityEqualValueKgcePerKwh: ELECTRICITY_EQUAL_VALUE.value,
  heatEmissionFactorTco2PerGj: HEAT_FACTOR.value,
};

export function allFactors(): TFactor[] {
  return [
    ...COAL_COEFFICIENTS.values(),
    ...[...COMBUSTION_DEFAULTS.values()].map((d) => d.factor),
    ...GRID_FACTORS.values(),
    HEAT_FACTOR,
    ELECTRICITY_EQUAL_VALUE,
  ];
}
