import type { Messages } from '../messages.ts';
import type { energyTables as zh } from '../zh-CN/energy-tables.ts';

export const energyTables: Messages<typeof zh> = {
  energyTables: {
    title: 'Energy tables',
    tab1: 'Table 1 · Consumption structure',
    tab3: 'Table 3 · Key energy-using equipment',
    year: 'Year',
    lastYear: 'Last year',
    years: 'Years',
    yearsSuffix: 'years',
    exportExcel: 'Export Excel',
    loadFailed: 'The table could not be loaded',
    print: {
      table1Title: 'Table 1 · Energy consumption structure',
      table3Title: 'Table 3 · Key energy-using equipment',
      unitNote: 'Physical quantities in each energy type’s unit; tce = tonnes of coal equivalent',
      years: '{{first}}–{{last}}',
      year: 'Year {{year}}',
      table1Sources:
        'Conversion factors per GB/T 2589; the totals are given as equivalent and equal value. Data from the level-1 meters (the enterprise boundary).',
      table3Sources:
        'Consumption from the level-3 meters bound to each equipment, converted per GB/T 2589; “Not metered”: no meter is bound to it yet.',
    },
    table1: {
      help: 'Converted per GB/T 2589 from the level-1 meters (the enterprise boundary). The last column is the forecast year.',
      medium: 'Energy type',
      unit: 'Unit',
      yearTitle: '{{year}}',
      forecastTitle: '{{year}} (forecast)',
      forecastNote:
        'Least-squares trend of the years shown, per energy type; replace it with the plan where one exists.',
      quantity: 'Physical quantity',
      tce: 'tce',
      totalEquivalent: 'Total energy consumption (equivalent value)',
      totalEqual: 'Total energy consumption (equal value)',
      empty:
        'No level-1 meter data in these years. Enter readings under Meters or connect automatic collection first.',
    },
    table3: {
      help: 'Equipment marked as a key energy consumer in the factory model; the consumption of the year comes from the level-3 meters bound to it.',
      no: 'No.',
      code: 'Code',
      name: 'Name',
      area: 'Area',
      model: 'Model',
      manufacturer: 'Manufacturer',
      ratedPower: 'Rated power (kW)',
      media: 'Energy media',
      commissioningDate: 'Commissioned',
      eliminated: 'Eliminated model',
      eliminatedTag: 'Eliminated model',
      phaseOut: 'Phase out by {{date}}',
      consumption: 'Consumption {{year}} (tce)',
      notMetered: 'Not metered',
      meters: 'Meters: {{meters}}',
      openEquipment: 'Show in the equipment register',
      empty: 'No equipment is marked as a key energy consumer in the factory model yet.',
    },
  },
};
