import type { TFunction } from 'i18next';
import type { TGhgInventory } from '@greenmes/contracts';
import { unitLabel } from '../../lib/energy-format.ts';
import { reportBucketLabel, type ReportGranularity } from './report-period.ts';

type Cell = string | number | null;

/**
 * The inventory as CSV rows, section by section (totals, periods, combustion, factors, data quality,
 * excluded): one file a reviewer can check against GB/T 32150 without the page. Numbers stay unformatted.
 */
export function inventoryCsvRows(options: {
  inventory: TGhgInventory;
  granularity: ReportGranularity;
  t: TFunction;
  mediumLabel: (medium: string) => string;
}): Cell[][] {
  const { inventory: inv, granularity, t, mediumLabel } = options;
  const x = inv.totals;
  const factorKind = (f: string) => t(`energyReports.ghg.factor.${f}`);
  return [
    [t('energyReports.ghg.title'), inv.from, inv.to, inv.timezone],
    [],
    [t('energyReports.ghg.item'), 'tCO₂'],
    [t('energyReports.ghg.combustion'), x.combustionTco2],
    [t('energyReports.ghg.electricity'), x.purchasedElectricityTco2],
    [t('energyReports.ghg.heat'), x.purchasedHeatTco2],
    [t('energyReports.ghg.scope1'), x.scope1Tco2],
    [t('energyReports.ghg.scope2'), x.scope2Tco2],
    [t('energyReports.ghg.total'), x.totalTco2],
    [t('energyReports.ghg.biomass'), inv.biomassTco2],
    [t('energyReports.ghg.intensity'), inv.perOutputValueTco2],
    [],
    [
      t('energyReports.ghg.period'),
      t('energyReports.ghg.combustion'),
      t('energyReports.ghg.electricity'),
      t('energyReports.ghg.heat'),
      t('energyReports.ghg.scope1'),
      t('energyReports.ghg.scope2'),
      t('energyReports.ghg.total'),
    ],
    ...inv.periods.map((p) => [
      reportBucketLabel(p.start, granularity, inv.timezone),
      p.combustionTco2,
      p.purchasedElectricityTco2,
      p.purchasedHeatTco2,
      p.scope1Tco2,
      p.scope2Tco2,
      p.totalTco2,
    ]),
    [],
    [
      t('energyReports.ghg.fuel'),
      t('energyReports.quantity'),
      t('energyReports.unit'),
      'NCV (GJ/unit)',
      'CC (tC/GJ)',
      'OF',
      'tCO₂',
      t('energyReports.factorSource'),
    ],
    ...x.combustion.map((c) => [
      mediumLabel(c.fuel),
      c.quantity,
      unitLabel(c.unit),
      c.ncvGjPerUnit,
      c.carbonContentTcPerGj,
      c.oxidationRate,
      c.tco2,
      c.factorSource,
    ]),
    [],
    [t('energyReports.ghg.gridFactor'), x.gridEmissionFactorTco2PerMWh, 'tCO₂/MWh', x.gridFactorSource],
    [t('energyReports.ghg.heatFactor'), x.heatEmissionFactorTco2PerGj, 'tCO₂/GJ', x.heatFactorSource],
    [],
    [
      t('energyReports.medium'),
      t('energyReports.meters'),
      t('energyReports.quantity'),
      t('energyReports.unit'),
      t('energyReports.metered'),
      t('energyReports.manual'),
      t('energyReports.ghg.factorKind'),
      t('energyReports.ghg.note'),
    ],
    ...inv.dataQuality.map((d) => [
      mediumLabel(d.medium),
      d.line,
      d.quantity,
      unitLabel(d.unit),
      d.quality.metered,
      d.quality.manual,
      factorKind(d.factor),
      d.note,
    ]),
    ...(inv.excluded.length > 0
      ? [
          [],
          [t('energyReports.ghg.excludedTitle')],
          ...inv.excluded.map((e) => [mediumLabel(e.medium), e.quantity, unitLabel(e.unit), e.reason]),
        ]
      : []),
  ];
}
