import type { Messages } from '../messages.ts';
import type { carbonSources as zh } from '../zh-CN/carbon-sources.ts';

export const carbonSources: Messages<typeof zh> = {
  carbonSources: {
    title: 'Emission sources & activity',
    sourcesTitle: 'Emission sources',
    create: 'New source',
    kind: 'Category',
    kinds: {
      process: 'Industrial process',
      biomass: 'Biomass combustion',
      recovered_co2: 'Recovered CO₂',
      exported_electricity: 'Exported electricity',
      exported_heat: 'Exported heat',
    },
    kindHelp: {
      process: 'E.g. limestone calcination: activity × emission factor, counted in scope 1',
      biomass: 'CO₂ from biomass is reported separately, not in the total',
      recovered_co2: 'CO₂ recovered and supplied outside, deducted from scope 1, in tCO₂',
      exported_electricity: 'Electricity supplied outside, deducted at the grid factor, in MWh',
      exported_heat: 'Heat supplied outside, deducted at the heat factor, in GJ',
    },
    unit: 'Activity unit',
    unitPlaceholder: 'e.g. t',
    fixedUnit: 'This category is entered in {{unit}}',
    factor: 'Emission factor (tCO₂ per unit)',
    factorShort: 'Emission factor',
    factorSource: 'Factor source',
    factorSourcePlaceholder: 'e.g. GB/T 32151 annex',
    note: 'Note',
    empty:
      'No sources yet. Register process emissions, biomass, recovered CO₂ and exported energy that no meter gives here.',
    inUse: 'Cannot delete source {{code}}: it has {{count}} months of activity data',
    activityTitle: 'Monthly activity data',
    year: 'Year',
    source: 'Source',
    month: '{{month}}',
    total: 'Year total',
    monthTotal: 'Process − recovered (tCO₂)',
    monthTotalHelp:
      'Process emissions at their factors less recovered CO₂; biomass is reported apart, exported electricity and heat are deducted in the inventory at the year’s factors',
    readOnly: 'You may not enter activity data (energy.reading.manage); the grid is read-only',
    inventory: {
      process: 'Industrial process emissions',
      recovered: 'Recovered CO₂ (deducted)',
      exported: 'Exported electricity and heat (deducted)',
      manage: 'Manage emission sources and activity',
    },
  },
};
